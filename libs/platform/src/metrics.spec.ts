import { containerMemoryLimit } from './metrics.js';

/** A cgroup file system holding only the given files. */
const cgroup = (files: Record<string, string>) => (file: string) => {
  if (!(file in files)) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
  return files[file];
};

describe("the container's memory limit the memory alerts divide by", () => {
  it('reads cgroup v2 memory.max', () => {
    expect(containerMemoryLimit(cgroup({ '/sys/fs/cgroup/memory.max': '536870912\n' }))).toBe(512 * 1024 * 1024);
  });

  it('has none when cgroup v2 says max', () => {
    expect(containerMemoryLimit(cgroup({ '/sys/fs/cgroup/memory.max': 'max\n', '/sys/fs/cgroup/memory/memory.limit_in_bytes': '1048576\n' }))).toBeNull();
  });

  it('reads cgroup v1 memory.limit_in_bytes when there is no v2 file, where about 2^63 means unlimited', () => {
    expect(containerMemoryLimit(cgroup({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '268435456\n' }))).toBe(256 * 1024 * 1024);
    expect(containerMemoryLimit(cgroup({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712\n' }))).toBeNull();
  });

  it('has none outside a cgroup, or when the file holds something else', () => {
    expect(containerMemoryLimit(cgroup({}))).toBeNull();
    expect(containerMemoryLimit(cgroup({ '/sys/fs/cgroup/memory.max': '' }))).toBeNull();
  });
});
