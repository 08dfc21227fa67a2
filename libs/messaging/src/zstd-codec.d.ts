declare module 'zstd-codec' {
  const zstdCodec: {
    ZstdCodec: {
      run(callback: (zstd: { Simple: new () => { compress(data: Uint8Array, level?: number): Uint8Array | null } }) => void): void;
    };
  };
  export default zstdCodec;
}
