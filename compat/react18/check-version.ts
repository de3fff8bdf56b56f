import { version } from 'react';
import { version as domVersion } from 'react-dom';

// Fails the run at once if the tests would load a React other than 18.
for (const [name, loaded] of [
  ['react', version],
  ['react-dom', domVersion],
]) {
  if (!loaded?.startsWith('18.')) {
    throw new Error(
      `${name} ${loaded} was loaded: the React 18 run must resolve it from compat/react18.`,
    );
  }
}
