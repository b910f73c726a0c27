import { timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashSecret, newSecret } from './secrets.ts';

/** Where a running server leaves the credential that command-line tools on the same machine send as a Bearer. */
export const localCredentialPath = (dataDir: string) => path.join(dataDir, 'local-admin.token');

/** The name under which requests of a local command-line tool act (and are audited). */
export const LOCAL_ACTOR = 'local-admin';

/**
 * The admin credential of the tools on the server's machine (`npm run users`,
 * `npm run models` ...): random at every start, readable only by the user that
 * started the server (mode 0600), held in memory as a hash, removed at stop.
 */
export class LocalCredential {
  private hash?: Buffer;
  private file?: string;

  /** Writes a new credential to DATA_DIR/local-admin.token. */
  issue(dataDir: string): void {
    const secret = `pld_local_${newSecret()}`;
    mkdirSync(dataDir, { recursive: true }); // with a remote engine nothing else may have made it
    this.file = localCredentialPath(dataDir);
    writeFileSync(this.file, `${secret}\n`, { mode: 0o600 });
    chmodSync(this.file, 0o600); // an older file keeps its mode on overwrite
    this.hash = Buffer.from(hashSecret(secret));
  }

  matches(bearer: string): boolean {
    if (!this.hash) return false;
    const got = Buffer.from(hashSecret(bearer));
    return timingSafeEqual(got, this.hash);
  }

  /** Forgets the credential and removes its file. */
  revoke(): void {
    this.hash = undefined;
    if (this.file) rmSync(this.file, { force: true });
    this.file = undefined;
  }
}
