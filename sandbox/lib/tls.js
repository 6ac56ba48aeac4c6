'use strict';
// The sandbox's TLS certificate for its rendezvous endpoint: self-signed for 127.0.0.1,
// made once per sandbox home with Debian's `openssl` (no shell: an argument vector). The
// harness and `npm start` hand its path to VS Code as NODE_EXTRA_CA_CERTS; the product
// never trusts a certificate it was not given.

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

function tlsFiles(home) {
  const dir = path.join(home, 'tls');
  return { dir, cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
}

/** The certificate's and key's paths, made on first use. */
function ensureCertificate(home) {
  const f = tlsFiles(home);
  if (fs.existsSync(f.cert) && fs.existsSync(f.key)) return f;
  fs.mkdirSync(f.dir, { recursive: true });
  const tmpKey = `${f.key}.${process.pid}.tmp`;
  const tmpCert = `${f.cert}.${process.pid}.tmp`;
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', tmpKey, '-out', tmpCert, '-days', '3650', '-subj', '/CN=Membrane sandbox rendezvous', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  } catch (e) {
    throw new Error(`sandbox: making the rendezvous certificate needs openssl (apt-get install openssl): ${e.message}`);
  }
  fs.renameSync(tmpKey, f.key);
  fs.renameSync(tmpCert, f.cert);
  return f;
}

module.exports = { ensureCertificate, tlsFiles };
