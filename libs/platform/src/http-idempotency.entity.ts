import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A POST or PATCH sent with an `Idempotency-Key`: reserved (committed) before
 * the handler runs, then holding the answer to give a retry. Every service keeps
 * its own in its own database (each has a migration creating `http_idempotency`).
 */
@Entity('http_idempotency')
@Index('http_idempotency_created_at', ['createdAt'])
export class HttpIdempotencyEntity {
  /** sha256 of subject, method, path and key (idempotencyScopeId). */
  @PrimaryColumn({ type: 'text' }) scope: string;
  /** The caller's subject, from its token. */
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) method: string;
  @Column({ type: 'text' }) path: string;
  @Column({ name: 'idempotency_key', type: 'text' }) idempotencyKey: string;
  /** requestFingerprint: method, path, query and body. */
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  /** Null until the answer is stored (the first request still runs, or died). */
  @Column({ name: 'status_code', type: 'int', nullable: true }) statusCode: number | null;
  @Column({ name: 'response_body', type: 'jsonb', nullable: true }) responseBody: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
