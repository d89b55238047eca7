//! What mentors' devices told this mentee: a notice that something they shared was passed on
//! (a concern raised). Each is kept only when an approved device of their mentor signed it, and
//! each tells the mentee once.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use super::client::Api;
use super::engine::{Shared, SyncError, SyncReport, lock};
use super::protocol::Notice;
use super::push::WireIds;
use crate::domain::LocalStamp;
use crate::store::{Enrolment, MentorDevice, NoticeKind};

/// Fetches what mentors' devices told this mentee (something passed on), keeps each one whose
/// signature is from an approved device of a mentor, and moves the cursor.
pub(super) async fn fetch_notices(
    store: &Shared,
    api: &Api,
    enrolment: &Enrolment,
    ids: &WireIds,
    approved: &[MentorDevice],
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let after = lock(store)?.mark(NOTICES_MARK)?;
    let page = api.notices(&enrolment.token, after).await?;
    let mut store = lock(store)?;
    let mut last = after;
    for entry in page.notices {
        last = last.max(entry.id);
        let signed = &entry.notice;
        let Some(device) = approved.iter().find(|d| d.device_id == signed.device_id) else {
            tracing::warn!("a notice from a device this mentee never approved was ignored");
            continue;
        };
        let signature = B64.decode(&signed.signature).unwrap_or_default();
        if !device.keys.verifies(
            &crate::crypto::concern::notice_message(&signed.notice),
            &signature,
        ) {
            tracing::warn!("a notice whose signature did not match was ignored");
            continue;
        }
        let Ok(Notice::PassedOn {
            mentee_id,
            item_id,
            passed_to,
            ..
        }) = serde_json::from_str::<Notice>(&signed.notice)
        else {
            continue;
        };
        if mentee_id != enrolment.person_id {
            continue;
        }
        // Each signed notice tells the mentee once: the server could serve the same one again
        // under new ids, and "Sam passed on your check-in" twice reads as twice.
        let seen = format!(
            "notice_seen:{}",
            crate::crypto::sha256_hex(signed.notice.as_bytes())
        );
        if store.mark(&seen)? == 1 {
            continue;
        }
        let local_id = ids.local(&item_id);
        let what = store
            .share_log(10_000)?
            .into_iter()
            .find(|line| line.item_id == local_id)
            .map_or("other", |line| line.kind.key());
        store.add_notice(
            NoticeKind::PassedOn,
            &crate::i18n::Phrase::new(
                "notice-passed-on",
                &[
                    ("mentor", &device.mentor_name),
                    ("what", what),
                    ("to", &passed_to),
                ],
            )
            .to_text(),
            &local_id,
            LocalStamp::now(),
        )?;
        store.set_mark(&seen, 1)?;
        report.notices += 1;
    }
    store.set_mark(NOTICES_MARK, last)?;
    Ok(())
}

/// The mark under which the last notice fetched is kept.
const NOTICES_MARK: &str = "notices_after";
