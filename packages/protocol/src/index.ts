export * from './languages.ts';
export * from './errors.ts';
export * from './limits.ts';
export * from './schemas.ts';
export * from './content.ts';
export * from './chat.ts';
export * from './admin.ts';
export * from './handover.ts';
