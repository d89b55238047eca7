//! Logs never contain entry content: every log line of every level from a whole session (enrol,
//! share, edit, sync both ways, a refused envelope, unshare) is captured and searched.

use std::io::Write;
use std::sync::{Mutex, OnceLock};

use steady::domain::{MoodDetails, MoodLevel, ShareMode};

use crate::common::sync_server::{Pair, SyncServer};

static CAPTURED: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct Capture;

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        CAPTURED.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_all_logs() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
            .with_writer(|| Capture)
            .with_ansi(false)
            .try_init();
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn no_log_line_at_any_level_holds_what_a_mentee_wrote() {
    capture_all_logs();
    let server = SyncServer::start().await;
    let pair = Pair::enrol(&server, &server.base).await;
    let level = MoodLevel::new(1).unwrap();
    let private = pair.mentee.log_mood(level).unwrap();
    let details = |note: &str| MoodDetails {
        note: Some(note.into()),
        emotions: vec!["lonely".into()],
        ..Default::default()
    };
    pair.mentee
        .save_details(&private.id, level, details("LOGCANARY-private-note"))
        .unwrap();
    let shared = pair.mentee.log_mood(level).unwrap();
    pair.mentee
        .save_details(&shared.id, level, details("LOGCANARY-shared-note"))
        .unwrap();
    pair.share(&shared.id, ShareMode::Shared);
    pair.sync_both().await;
    pair.mentee
        .save_details(&shared.id, level, details("LOGCANARY-edited-note"))
        .unwrap();
    pair.sync_both().await;
    assert!(pair.mentor_sees()[0].contains("LOGCANARY-edited-note"));
    pair.share(&shared.id, ShareMode::Private);
    pair.sync_both().await;
    // The privacy steps too: passcode, lock, a wrong and a right unlock, export, a bad import
    // and a good one, and deleting everything.
    let mentee = &pair.mentee;
    mentee
        .set_passcode(None, "LOGCANARY-pass", "LOGCANARY-pass")
        .unwrap();
    mentee.lock();
    assert!(mentee.unlock("LOGCANARY-wrong").is_err());
    mentee.unlock("LOGCANARY-pass").unwrap();
    let export = mentee.export_json().unwrap();
    assert!(export.contains("LOGCANARY-private-note"));
    let broken = export.replace("\"level\": 1", "\"level\": 9");
    assert!(mentee.import_bytes(broken.as_bytes()).is_err());
    assert!(mentee.import_bytes(export.as_bytes()).is_ok());
    mentee.delete_everything(false).await.unwrap();

    let logs = String::from_utf8_lossy(&CAPTURED.lock().unwrap()).into_owned();
    assert!(logs.contains("device enrolled"), "the capture works");
    assert!(!logs.contains("LOGCANARY"));
    assert!(!logs.contains(private.id.as_str()));
}
