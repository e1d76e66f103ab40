// twitter-text ships CommonJS (`module.exports = {...}`) and an ESM build with only a default export, while its
// type declarations list named exports. Depending on who loads it (Node's ESM loader in tests, Vite's bundler in
// the app) the functions sit on the namespace or on its `default`: take whichever holds them, typed as declared.
import * as twitterTextModule from 'twitter-text'

type TwitterText = typeof twitterTextModule

const loaded = twitterTextModule as unknown as TwitterText & { default?: TwitterText }

export const twitterText: TwitterText = typeof loaded.parseTweet === 'function' ? loaded : (loaded.default as TwitterText)
