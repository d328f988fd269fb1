// French words of the sessions list: devices named as people name them.
export const frSessions = {
  'sessions.device': '{browser} sur {os}',
  'sessions.unknownBrowser': 'Navigateur inconnu',
  'sessions.line': '{device}, {ago}',
  'sessions.justNow': 'à l’instant',
} as const;
