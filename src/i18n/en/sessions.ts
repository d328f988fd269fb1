// English words of the sessions list: devices named as people name them.
export const enSessions = {
  'sessions.device': '{browser} on {os}',
  'sessions.unknownBrowser': 'Unknown browser',
  'sessions.line': '{device}, {ago}',
  'sessions.justNow': 'just now',
} as const;
