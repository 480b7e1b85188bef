'use strict';
// Jigsaw's own Perspective client (perspective-api-client, unmodified) against the NetiquetteML
// service. Its endpoint URL is a constant, so an axios interceptor rewrites it to the service's
// address; any other URL is refused, so nothing leaves this machine.
// Usage: node check-client.js <service base URL> <API key>; prints one JSON object on stdout.
const axios = require('axios');
const Perspective = require('perspective-api-client');

const [, , serviceUrl, apiKey] = process.argv;
const PERSPECTIVE = 'https://commentanalyzer.googleapis.com';

axios.interceptors.request.use(config => {
  if (!config.url.startsWith(PERSPECTIVE)) {
    throw new Error(`unexpected URL ${config.url}`);
  }
  config.url = serviceUrl.replace(/\/$/, '') + config.url.slice(PERSPECTIVE.length);
  return config;
});

async function outcome(call) {
  try {
    const response = await call();
    return {thrown: false, response};
  } catch (error) {
    return {
      thrown: true,
      name: error.name,
      isClientError: error instanceof Perspective.PerspectiveAPIClientError,
      message: error.message,
      status: error.response ? error.response.status : null,
    };
  }
}

async function main() {
  const client = new Perspective({apiKey});
  const wrongKey = new Perspective({apiKey: 'cle-inconnue-0000000000'});
  const results = {
    sacre: await client.analyze("Gang de tabarnak d'innocents au conseil, câlisse", {attributes: ['toxicity', 'political']}),
    thanks: await client.analyze("Merci beaucoup pour l'information, bonne journée!"),
    full: await client.analyze({
      comment: {text: 'Vente de garage samedi, appelez 819-555-0199'},
      context: {entries: [{text: 'Travaux sur la 10e Avenue lundi'}]},
      languages: ['fr'],
      requestedAttributes: {TOXICITY: {}, OFF_TOPIC: {}, POLITICAL: {}, COMMERCIAL: {}, PERSONAL_INFO: {}, SHOUTING: {}},
      spanAnnotations: true,
      clientToken: 'client-node-1',
    }),
    errors: {
      empty: await outcome(() => client.analyze('')),
      tooLong: await outcome(() => client.analyze('a'.repeat(20481))),
      unsupportedAttribute: await outcome(() => client.analyze('Bonjour', {attributes: ['INSULT']})),
      unsupportedLanguage: await outcome(() => client.analyze({comment: {text: 'Hello there'}, languages: ['en']})),
      wrongKey: await outcome(() => wrongKey.analyze('Bonjour')),
    },
  };
  process.stdout.write(JSON.stringify(results));
}

main().catch(error => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
