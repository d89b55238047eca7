//! A program's safeguarding inbox for tests: the key pair made here (as a safeguarding lead's
//! browser makes it), its public half published in the signed directory, and concerns opened
//! with the private half exactly as the inbox does in the browser.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use steady::crypto::concern::{SealedConcern, SignedConcern, open_concern_with_shared};

use super::sync_server::SyncServer;

pub struct Inbox {
    secret: x25519_dalek::StaticSecret,
    public: [u8; 32],
    pub public_b64: String,
    pub name: String,
}

/// Publishes, as the next signed directory, the program's statement with concerns going to
/// `name` at `key`.
pub fn publish_inbox(server: &SyncServer, name: &str, key: &str) {
    let directory = serde_json::json!({
        "version": 0, "region": "Here", "contacts": [],
        "program": {
            "keeps": "What you share stays between you and your mentor.",
            "passes_on": "If someone could be hurt, your mentor tells the safeguarding lead.",
            "not_told": "Unless telling you could put you in danger.",
            "coordinator": {"name": "Maya Chen", "phone": "+15555550100", "email": "maya@example.org"},
            "escalation": ["Call Maya.", "If someone is in danger now, call 911."],
            "safeguarding": {"name": name, "key": key},
        }
    });
    steady_server::publish_directory(&server.store, &server.dir, &directory.to_string())
        .expect("publish");
}

impl Inbox {
    /// Sets the inbox up on `server` and publishes where concerns go, with the program's
    /// statement, as the next signed directory.
    pub fn set_up(server: &SyncServer, name: &str) -> Inbox {
        let secret = x25519_dalek::StaticSecret::from(steady::crypto::random_bytes().unwrap());
        let public = x25519_dalek::PublicKey::from(&secret).to_bytes();
        let public_b64 = B64.encode(public);
        server
            .store
            .add_safeguarding_key(&public_b64, "", name, "test", 0)
            .expect("safeguarding key");
        publish_inbox(server, name, &public_b64);
        Inbox {
            secret,
            public,
            public_b64,
            name: name.to_owned(),
        }
    }

    /// Opens a concern as the inbox does: the X25519 secret, then the signed concern inside.
    pub fn open(&self, sealed_json: &str) -> Result<SignedConcern, String> {
        let sealed: SealedConcern = serde_json::from_str(sealed_json).map_err(|e| e.to_string())?;
        let epk: [u8; 32] = B64
            .decode(&sealed.epk)
            .ok()
            .and_then(|e| e.try_into().ok())
            .ok_or("bad epk")?;
        let shared = self
            .secret
            .diffie_hellman(&x25519_dalek::PublicKey::from(epk));
        let plain = open_concern_with_shared(&sealed, shared.as_bytes(), &self.public)
            .map_err(|e| e.to_string())?;
        serde_json::from_slice(&plain).map_err(|e| e.to_string())
    }
}
