//! What a hostile server (or whoever holds its database) can do, as tools for the attack tests:
//! raw calls with any token and body, a device enrolled for a mentee behind their back, envelopes
//! sealed and signed by it, and edits straight into the server's database.

use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};
use steady::crypto::envelope::{self, Feed};
use steady::crypto::{DeviceKeys, ItemRef, Recipient};
use steady::state::Device;
use steady::sync::Api;

use super::sync_server::{Pair, SyncServer};

/// Raw HTTP calls to the sync API.
pub struct Raw {
    pub http: Client,
    pub base: String,
}

impl Raw {
    pub fn new(base: &str) -> Self {
        Raw {
            http: Client::new(),
            base: base.to_owned(),
        }
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("Steady-Protocol", "1");
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request.send().await.expect("server answers");
        let status = response.status();
        let body = response.json().await.unwrap_or(Value::Null);
        (status, body)
    }
}

pub fn token(device: &Device) -> String {
    device.enrolment().unwrap().unwrap().token
}

pub fn record_body(item: &str, version: u64, envelope: Option<&str>) -> Vec<u8> {
    serde_json::to_vec(
        &json!({"records": [{"item_id": item, "version": version, "envelope": envelope}]}),
    )
    .unwrap()
}

/// A device the server enrolled as the mentee, with keys the mentee never had.
pub struct Forged {
    pub device_id: String,
    pub token: String,
    pub keys: DeviceKeys,
}

impl Forged {
    /// Enrols a device for `person_id` with an invite only the server could make.
    pub async fn enrol(server: &SyncServer, person_id: &str) -> Forged {
        let code = server.invite_again(person_id);
        let keys = DeviceKeys::generate().unwrap();
        let enrolled = Api::new(&server.base)
            .enroll(&code, &keys.public())
            .await
            .expect("the server enrols its own device");
        Forged {
            device_id: enrolled.device_id,
            token: enrolled.token,
            keys,
        }
    }

    /// An envelope for `item_id` at `version`, sealed to the pair's mentor device(s) and signed
    /// by this device, holding `payload`.
    pub fn seal(&self, pair: &Pair, item_id: &str, version: u64, payload: &[u8]) -> String {
        let to: Vec<Recipient> = pair
            .mentee
            .mentor_devices()
            .unwrap()
            .into_iter()
            .map(|d| Recipient {
                device_id: d.device_id,
                keys: d.keys,
            })
            .collect();
        let sealed = envelope::seal(
            &ItemRef {
                feed: Feed::Shared,
                item_id: item_id.to_owned(),
                version,
                mentee_id: pair.mentee_id.clone(),
            },
            payload,
            &self.device_id,
            &self.keys,
            &to,
        )
        .unwrap();
        String::from_utf8(sealed).unwrap()
    }
}

/// Runs `sql` straight on the server's database, as whoever holds the file could.
pub fn edit_database(server: &SyncServer, sql: &str) {
    server.execute_sql(sql).expect("the edit runs");
}

/// A check-in's JSON as a mentee's phone would share it, with `note`.
pub fn check_in_payload(note: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "type": "mood", "at": {"utc_ms": 1_700_000_000_000_i64, "offset_s": 0}, "level": 1,
        "feeling": "Really hard", "emotions": [], "tags": [], "note": note
    }))
    .unwrap()
}
