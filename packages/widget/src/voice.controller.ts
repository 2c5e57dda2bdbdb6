/** The part of the Web Speech API the widget uses (TypeScript's DOM library does not describe recognition). */
interface Recognition {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  onresult:
    | ((event: { resultIndex: number; results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }> }) => void)
    | null;
  onend: (() => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  start(): void;
  stop(): void;
}
type RecognitionConstructor = new () => Recognition;

function recognitionApi(): RecognitionConstructor | undefined {
  const w = window as unknown as {
    SpeechRecognition?: RecognitionConstructor;
    webkitSpeechRecognition?: RecognitionConstructor;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

/** Whether the browser can turn speech into text; the microphone control is only shown when it can. */
export const canRecognise = (): boolean => recognitionApi() !== undefined;

/** Whether the browser can read text aloud; the read-aloud control is only shown when it can. */
export const canSpeak = (): boolean =>
  typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';

export interface ListenHandlers {
  /** the words so far (interim) or the whole utterance (final) */
  onText(text: string, final: boolean): void;
  onStop(): void;
}

/** Speech in and out for one widget. The audio never passes through kommunechat: the browser handles it. */
export class VoiceController {
  #recognition: Recognition | undefined;

  get listening(): boolean {
    return this.#recognition !== undefined;
  }

  listen(locale: string, handlers: ListenHandlers): void {
    const Api = recognitionApi();
    if (!Api || this.#recognition) return;
    const r = new Api();
    r.lang = locale;
    r.interimResults = true;
    r.continuous = false;
    r.onresult = (event) => {
      let text = '';
      let final = false;
      for (let i = 0; i < event.results.length; i++) {
        const result = event.results[i];
        if (!result) continue;
        text += result[0].transcript;
        final = result.isFinal;
      }
      handlers.onText(text.trim(), final);
    };
    const stop = () => {
      if (this.#recognition !== r) return;
      this.#recognition = undefined;
      handlers.onStop();
    };
    r.onend = stop;
    r.onerror = stop;
    this.#recognition = r;
    r.start();
  }

  stopListening(): void {
    this.#recognition?.stop();
  }

  speak(text: string, locale: string): void {
    if (!canSpeak()) return;
    const u = new SpeechSynthesisUtterance(text);
    u.lang = locale;
    speechSynthesis.speak(u);
  }

  silence(): void {
    if (canSpeak()) speechSynthesis.cancel();
  }
}
