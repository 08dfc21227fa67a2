import 'reflect-metadata';
import { IsInt, IsString, MinLength, validateSync, ValidateNested, getMetadataStorage } from 'class-validator';
import { Type } from 'class-transformer';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

class MachineLine {
  @IsString() sku!: string;
}

class Machine {
  @IsString() serialNumber!: string;
  @ValidateNested() @Type(() => MachineLine) line!: MachineLine;
}

class InstalledMachine extends Machine {
  @IsInt() hours!: number;
}

function messages(value: object): string[] {
  return validateSync(value, { forbidUnknownValues: true }).flatMap(function flat(e): string[] {
    return [...Object.values(e.constraints ?? {}), ...(e.children ?? []).flatMap(flat)];
  });
}

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('gives the same verdicts as class-validator, inherited and nested rules included', () => {
    const good = Object.assign(new InstalledMachine(), { serialNumber: 'SN-1', hours: 3, line: Object.assign(new MachineLine(), { sku: 'INJ-250T' }) });
    expect(messages(good)).toEqual([]);
    const bad = Object.assign(new InstalledMachine(), { serialNumber: 7, hours: 'three', line: Object.assign(new MachineLine(), { sku: 9 }) });
    expect(messages(bad).sort()).toEqual(['hours must be an integer number', 'serialNumber must be a string', 'sku must be a string']);
    // Asked twice, the second answer comes from what was kept and is the same.
    expect(messages(bad).sort()).toEqual(['hours must be an integer number', 'serialNumber must be a string', 'sku must be a string']);
  });

  it('keeps one answer per class and hands out the same frozen list', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(InstalledMachine, '', false, false);
    expect(storage.getTargetValidationMetadatas(InstalledMachine, '', false, false)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['hours', 'line', 'serialNumber']);
    expect(storage.getTargetValidationMetadatas(Machine, '', false, false)).not.toBe(first);
  });

  it('sees a rule added after the class was first validated', () => {
    const line = Object.assign(new MachineLine(), { sku: '' });
    expect(messages(line)).toEqual([]);
    MinLength(1)(MachineLine.prototype, 'sku');
    expect(messages(line)).toEqual(['sku must be longer than or equal to 1 characters']);
  });

  it('installs once, however often it is called', () => {
    const storage = getMetadataStorage();
    const lookup = storage.getTargetValidationMetadatas;
    cacheValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
  });
});
