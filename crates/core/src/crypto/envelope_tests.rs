//! Envelope tests: round trips, signed tombstones, every kind of tampering, and a frozen golden
//! envelope.

use super::*;

fn item(version: u64) -> ItemRef {
    ItemRef {
        feed: Feed::Shared,
        item_id: "item-1".into(),
        version,
        mentee_id: "mentee-1".into(),
    }
}

struct Parties {
    mentee: DeviceKeys,
    mentor: DeviceKeys,
}

impl Parties {
    fn new() -> Self {
        Parties {
            mentee: DeviceKeys::generate().unwrap(),
            mentor: DeviceKeys::generate().unwrap(),
        }
    }

    fn seal(&self, item: &ItemRef, payload: &[u8]) -> Vec<u8> {
        let to = Recipient {
            device_id: "mentor-device".into(),
            keys: self.mentor.public(),
        };
        seal(item, payload, "mentee-device", &self.mentee, &[to]).unwrap()
    }

    fn open(&self, envelope: &[u8], item_id: &str) -> Result<Opened, OpenError> {
        let signer = self.mentee.public();
        open(
            envelope,
            Feed::Shared,
            item_id,
            "mentee-1",
            "mentor-device",
            &self.mentor,
            |id| (id == "mentee-device").then(|| signer.clone()),
        )
    }
}

#[test]
fn a_mentor_device_opens_what_was_sealed_for_it() {
    let parties = Parties::new();
    let sealed = parties.seal(&item(3), b"{\"level\":4}");
    let opened = parties.open(&sealed, "item-1").unwrap();
    assert_eq!(opened.payload.as_deref(), Some(&b"{\"level\":4}"[..]));
    assert_eq!(opened.item, item(3));
    assert_eq!(opened.signer, "mentee-device");
    assert!(!String::from_utf8_lossy(&sealed).contains("level"));
}

#[test]
fn the_items_kind_travels_only_inside_the_sealed_body() {
    let parties = Parties::new();
    let sealed = parties.seal(&item(1), b"{\"type\":\"contact_request\"}");
    let text = String::from_utf8_lossy(&sealed);
    for word in ["contact", "kind", "mood", "type"] {
        assert!(!text.contains(word), "{word} is readable in {text}");
    }
}

#[test]
fn a_contact_request_and_a_check_in_are_the_same_size_sealed() {
    let parties = Parties::new();
    let asked = parties.seal(
        &item(1),
        br#"{"type":"contact_request","at":{"utc_ms":0,"offset_s":0}}"#,
    );
    let check_in = parties.seal(
        &item(1),
        "{\"type\":\"mood\",\"note\":\"x\"}".repeat(8).as_bytes(),
    );
    assert_eq!(asked.len(), check_in.len());
    // The padding is taken off again on opening.
    let opened = parties.open(&asked, "item-1").unwrap();
    assert!(opened.payload.unwrap().ends_with(b"}}"));
}

#[test]
fn evidence_lets_someone_without_device_keys_check_the_mentees_signature_and_body() {
    let parties = Parties::new();
    let sealed = parties.seal(&item(2), b"{\"note\":\"I am scared at home\"}");
    let signer = parties.mentee.public();
    let (opened, evidence) = open_with_evidence(
        &sealed,
        Feed::Shared,
        "item-1",
        "mentee-1",
        "mentor-device",
        &parties.mentor,
        |id| (id == "mentee-device").then(|| signer.clone()),
    )
    .unwrap();
    let checked = check_evidence(&evidence, &signer).unwrap();
    assert_eq!(checked.payload, opened.payload);
    assert_eq!(checked.item, item(2));

    // Another key (a mentor inventing what was said) does not match the signed commitment.
    let mut forged = evidence.clone();
    forged.content_key = B64.encode([9u8; 32]);
    assert_eq!(
        check_evidence(&forged, &signer),
        Err(OpenError::Undecryptable)
    );
    // Another device's signature does not pass as the mentee's.
    let impostor = DeviceKeys::generate().unwrap().public();
    assert_eq!(
        check_evidence(&evidence, &impostor),
        Err(OpenError::BadSignature)
    );
    // A body from another envelope under this key fails too.
    let other = parties.seal(&item(2), b"{\"note\":\"all fine\"}");
    let other_wire: serde_json::Value = serde_json::from_slice(&other).unwrap();
    let mut wire: serde_json::Value = serde_json::from_str(&evidence.envelope).unwrap();
    wire["body"] = other_wire["body"].clone();
    let swapped = Evidence {
        envelope: wire.to_string(),
        content_key: evidence.content_key.clone(),
    };
    assert_eq!(
        check_evidence(&swapped, &signer),
        Err(OpenError::BadSignature)
    );
}

#[test]
fn a_signed_tombstone_verifies_and_a_forged_or_moved_one_does_not() {
    let parties = Parties::new();
    let tomb = seal_tombstone(&item(4), "mentee-device", &parties.mentee).unwrap();
    assert!(is_tombstone(&tomb));
    assert!(!is_tombstone(&parties.seal(&item(4), b"x")));
    let opened = parties.open(&tomb, "item-1").unwrap();
    assert_eq!(opened.payload, None);
    assert_eq!(opened.item.version, 4);
    let impostor = DeviceKeys::generate().unwrap();
    let forged = seal_tombstone(&item(5), "mentee-device", &impostor).unwrap();
    assert_eq!(
        parties.open(&forged, "item-1"),
        Err(OpenError::BadSignature)
    );
    assert_eq!(parties.open(&tomb, "item-2"), Err(OpenError::Mismatch));
    // A tombstone with a body smuggled in is not a tombstone.
    let mut wire: Wire = serde_json::from_slice(&tomb).unwrap();
    wire.body = B64.encode(b"smuggled");
    wire.sig = B64.encode(parties.mentee.sign(&signed_bytes(&wire)));
    assert_eq!(
        parties.open(&serde_json::to_vec(&wire).unwrap(), "item-1"),
        Err(OpenError::Malformed)
    );
}

#[test]
fn a_shared_item_cannot_pass_as_a_reply() {
    let parties = Parties::new();
    let sealed = parties.seal(&item(1), b"hello");
    let signer = parties.mentee.public();
    let as_reply = open(
        &sealed,
        Feed::Replies,
        "item-1",
        "mentee-1",
        "mentor-device",
        &parties.mentor,
        |id| (id == "mentee-device").then(|| signer.clone()),
    );
    assert_eq!(as_reply, Err(OpenError::Mismatch));
}

#[test]
fn a_device_it_was_not_sealed_for_cannot_open_it() {
    let parties = Parties::new();
    let sealed = parties.seal(&item(1), b"secret");
    let stranger = DeviceKeys::generate().unwrap();
    let signer = parties.mentee.public();
    let result = open(
        &sealed,
        Feed::Shared,
        "item-1",
        "mentee-1",
        "other",
        &stranger,
        |_| Some(signer.clone()),
    );
    assert_eq!(
        result,
        Err(OpenError::NotForThisDevice { signed_version: 1 })
    );
}

#[test]
fn every_flipped_bit_in_the_body_is_caught() {
    let parties = Parties::new();
    let sealed = parties.seal(&item(1), b"secret");
    let mut wire: Wire = serde_json::from_slice(&sealed).unwrap();
    let mut body = B64.decode(&wire.body).unwrap();
    body[0] ^= 1;
    wire.body = B64.encode(body);
    let tampered = serde_json::to_vec(&wire).unwrap();
    assert_eq!(
        parties.open(&tampered, "item-1"),
        Err(OpenError::BadSignature)
    );
    let mut raw = sealed.clone();
    let middle = raw.len() / 2;
    raw[middle] ^= 0x20;
    assert!(parties.open(&raw, "item-1").is_err());
}

#[test]
fn an_envelope_moved_to_another_item_is_refused() {
    let parties = Parties::new();
    let sealed = parties.seal(&item(1), b"secret");
    assert_eq!(parties.open(&sealed, "item-2"), Err(OpenError::Mismatch));
}

#[test]
fn swapped_associated_data_even_when_resigned_does_not_decrypt() {
    // A mentee device that signs honestly but whose header was changed after sealing (say, a bug
    // or a stolen signing key) still cannot make the body pass as another version.
    let parties = Parties::new();
    let sealed = parties.seal(&item(1), b"secret");
    let mut wire: Wire = serde_json::from_slice(&sealed).unwrap();
    wire.version = 2;
    wire.sig = B64.encode(parties.mentee.sign(&signed_bytes(&wire)));
    let resigned = serde_json::to_vec(&wire).unwrap();
    assert_eq!(
        parties.open(&resigned, "item-1"),
        Err(OpenError::Undecryptable)
    );
}

#[test]
fn a_wrong_signer_is_refused() {
    let parties = Parties::new();
    let impostor = DeviceKeys::generate().unwrap();
    let to = Recipient {
        device_id: "mentor-device".into(),
        keys: parties.mentor.public(),
    };
    let forged = seal(
        &item(1),
        b"hi",
        "mentee-device",
        &impostor,
        std::slice::from_ref(&to),
    )
    .unwrap();
    assert_eq!(
        parties.open(&forged, "item-1"),
        Err(OpenError::BadSignature)
    );
    let unknown = seal(&item(1), b"hi", "someone-else", &impostor, &[to]).unwrap();
    assert_eq!(
        parties.open(&unknown, "item-1"),
        Err(OpenError::UnknownSigner)
    );
}

#[test]
fn garbage_is_malformed_not_a_panic() {
    let parties = Parties::new();
    for junk in [&b""[..], b"{}", b"null", b"[1,2]", &[0xff; 300]] {
        assert!(parties.open(junk, "item-1").is_err());
    }
}

// The frozen golden envelope: sealed once by the format below, checked in, and opened by every
// later version. If this test fails, the envelope format changed and mentors' phones would stop
// reading what is already on the server.
const GOLDEN_MENTOR_PKCS8: &str = include_str!("golden/mentor.pkcs8.b64");
const GOLDEN_MENTOR_SECRET: [u8; 32] = [7; 32];
const GOLDEN_MENTEE_SIGNING: &str = include_str!("golden/mentee.signing.b64");
const GOLDEN_ENVELOPE: &str = include_str!("golden/envelope-v2.json");

#[test]
fn the_golden_envelope_still_opens() {
    let mentor = DeviceKeys::from_parts(
        &B64.decode(GOLDEN_MENTOR_PKCS8.trim()).unwrap(),
        &GOLDEN_MENTOR_SECRET,
    )
    .unwrap();
    let signing = B64.decode(GOLDEN_MENTEE_SIGNING.trim()).unwrap();
    let mentee = PublicKeys::from_slices(&signing, &[0; 32]).unwrap();
    let opened = open(
        GOLDEN_ENVELOPE.trim().as_bytes(),
        Feed::Shared,
        "golden-item",
        "golden-mentee",
        "golden-mentor-device",
        &mentor,
        |id| (id == "golden-mentee-device").then(|| mentee.clone()),
    )
    .unwrap();
    assert_eq!(opened.item.version, 7);
    assert_eq!(opened.payload.as_deref(), Some(&b"{\"golden\":true}"[..]));
}

/// Writes a new golden envelope; run once by hand when the format is first frozen.
#[test]
#[ignore = "writes the golden files; run by hand only when freezing a new format version"]
fn write_golden_envelope() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/crypto/golden");
    std::fs::create_dir_all(&dir).unwrap();
    let mentor_pkcs8 = Ed25519KeyPairDoc::generate();
    let mentor = DeviceKeys::from_parts(&mentor_pkcs8, &GOLDEN_MENTOR_SECRET).unwrap();
    let mentee = DeviceKeys::generate().unwrap();
    let golden = ItemRef {
        feed: Feed::Shared,
        item_id: "golden-item".into(),
        version: 7,
        mentee_id: "golden-mentee".into(),
    };
    let to = Recipient {
        device_id: "golden-mentor-device".into(),
        keys: mentor.public(),
    };
    let sealed = seal(
        &golden,
        b"{\"golden\":true}",
        "golden-mentee-device",
        &mentee,
        &[to],
    )
    .unwrap();
    std::fs::write(dir.join("mentor.pkcs8.b64"), B64.encode(&mentor_pkcs8)).unwrap();
    std::fs::write(
        dir.join("mentee.signing.b64"),
        B64.encode(mentee.public().signing),
    )
    .unwrap();
    std::fs::write(dir.join("envelope-v2.json"), sealed).unwrap();
}

struct Ed25519KeyPairDoc;

impl Ed25519KeyPairDoc {
    fn generate() -> Vec<u8> {
        ring::signature::Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
            .unwrap()
            .as_ref()
            .to_vec()
    }
}
