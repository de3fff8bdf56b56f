// The Express 4 alias has no types of its own; its API is close enough to Express 5's for tests.
declare module 'express4' {
  import express from 'express';
  export default express;
}
