// Every npm script runs on the Node pinned by the `node` package (node_modules/.bin comes first on
// PATH inside npm scripts). If something else answers, the install is broken or a script was run by
// hand with the system node: stop before anything behaves subtly differently.
const REQUIRED_MAJOR = 24;
const actualMajor = Number(process.versions.node.split('.')[0]);

if (actualMajor !== REQUIRED_MAJOR) {
  console.error(
    `\nOutbound Engine X needs Node ${REQUIRED_MAJOR}, but this script runs on Node ${process.versions.node} (${process.execPath}).\n` +
      `Run it through npm (\`npm start\`, \`npm test\`, \`npm run …\`) after \`npm install\`, which installs Node ${REQUIRED_MAJOR} from the \`node\` package into node_modules/.bin.\n`,
  );
  process.exit(1);
}
