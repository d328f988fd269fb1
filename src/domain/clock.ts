// "Now" is passed in, never read: the services get a Clock, the domain gets instants.
export interface Clock {
  now(): number;
}
