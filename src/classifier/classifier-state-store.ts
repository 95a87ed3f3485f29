// Where a classifier's state lives between processes. The classifier only reads and writes serialised
// JSON through this interface; a file and a Redis key are the two stores hotpath ships.

export interface ClassifierStateStore {
  /** Human-readable location for logs and error messages ("file …", "redis key …"). */
  readonly location: string;
  /** The stored state's JSON text, or undefined when nothing has been stored yet. */
  read(): Promise<string | undefined>;
  write(serialized: string): Promise<void>;
  /** Releases connections the store opened itself. */
  close?(): Promise<void>;
}
