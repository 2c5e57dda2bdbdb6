// The embeddable widget: a launcher button in a Shadow DOM. Nothing is requested before the visitor opens it.
const script = document.currentScript as HTMLScriptElement | null;
const municipality = script?.dataset.municipality ?? '';

const host = document.createElement('div');
host.setAttribute('data-kommunechat', municipality);
const root = host.attachShadow({ mode: 'closed' });
const button = document.createElement('button');
button.type = 'button';
button.textContent = 'Chat';
button.setAttribute('aria-label', 'Open chat');
root.append(button);
document.body.append(host);
