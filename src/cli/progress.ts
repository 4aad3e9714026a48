import cliProgress from 'cli-progress';

/**
 * A progress bar on a terminal, nothing at all elsewhere (pipes, CI logs, --json). The
 * total is what the sources have announced so far (`expandInputs`' onDiscovered): folders
 * and feeds reveal their size as they are read, so it grows.
 */
export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private total = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly enabled: boolean,
  ) {}

  start(): void {
    if (!this.enabled) return;
    this.bar = new cliProgress.SingleBar(
      { stream: this.stream as NodeJS.WriteStream, format: '{bar} {value}/{total} {source}', hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(0, 0, { source: '' });
  }

  grow(discovered: number): void {
    if (!this.bar) return;
    this.total += discovered;
    this.bar.setTotal(this.total);
  }

  tick(source: string): void {
    if (!this.bar) return;
    this.bar.increment(1, { source: source.length > 50 ? `…${source.slice(-49)}` : source });
  }

  stop(): void {
    this.bar?.stop();
  }
}
