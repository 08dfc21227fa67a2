// Placeholder until the codec choice is verified against the broker.
let registered = false;
export function registerCompressionCodecs(): void {
  if (registered) return;
  registered = true;
}
