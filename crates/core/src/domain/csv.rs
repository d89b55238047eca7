//! Check-ins as CSV, for "Export my moods": one row per check-in, oldest first, in the mentee's
//! local time, readable by any spreadsheet. The csv crate writes and quotes it (RFC 4180); a cell
//! of the mentee's own words that a spreadsheet would run as a formula gets a leading apostrophe.

use super::emotions::EmotionWord;
use super::mood::MoodEntry;

const HEADER: [&str; 8] = [
    "date",
    "time",
    "utc_offset",
    "mood_1_to_5",
    "mood_word",
    "feelings",
    "tags",
    "note",
];

/// The CSV text for `entries` (any order in, oldest first out).
pub fn moods_csv(entries: &[MoodEntry]) -> String {
    let mut sorted: Vec<&MoodEntry> = entries.iter().collect();
    sorted.sort_by_key(|entry| entry.recorded_at);
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail, and every row has the header's eight cells.
    let _ = out.write_record(HEADER);
    for entry in sorted {
        let at = entry.recorded_at.datetime();
        let feelings: Vec<&str> = entry
            .details
            .emotions
            .iter()
            .map(|key| EmotionWord::label_for(key))
            .collect();
        let tags: Vec<&str> = entry.details.tags.iter().map(|tag| tag.label()).collect();
        let ours = [
            at.format("%Y-%m-%d").to_string(),
            at.format("%H:%M").to_string(),
            at.format("UTC%:z").to_string(),
            entry.level.value().to_string(),
            entry.level.label().to_string(),
        ];
        // Only the mentee's own words can start like a formula; the rest are ours.
        let theirs = [
            feelings.join("; "),
            tags.join("; "),
            entry.details.note.clone().unwrap_or_default(),
        ]
        .map(|cell| never_a_formula(&cell));
        let _ = out.write_record(ours.iter().chain(&theirs));
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first), with a leading apostrophe so it shows as text (OWASP, "CSV Injection").
fn never_a_formula(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ContextTag, LocalStamp, MoodDetails, MoodLevel};

    #[test]
    fn rows_are_oldest_first_quoted_and_never_formulas() {
        let later = MoodEntry {
            details: MoodDetails {
                note: Some("said \"hi\", then\nleft".into()),
                tags: vec![ContextTag::Custom("=cmd()".into())],
                emotions: vec!["calm".into()],
            },
            ..MoodEntry::new(
                MoodLevel::new(4).unwrap(),
                LocalStamp::from_parts(1_763_900_000_000, 3600).unwrap(),
            )
        };
        let earlier = MoodEntry::new(
            MoodLevel::new(1).unwrap(),
            LocalStamp::from_parts(1_763_800_000_000, -18000).unwrap(),
        );
        let csv = moods_csv(&[later, earlier]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], HEADER.join(","));
        assert!(lines[1].starts_with("2025-11-22,"), "{}", lines[1]);
        assert!(
            lines[1].contains(",UTC-05:00,1,Really hard,"),
            "{}",
            lines[1]
        );
        assert!(csv.contains("\"said \"\"hi\"\", then\nleft\""), "{csv}");
        assert!(csv.contains(",'=cmd(),"), "{csv}");
        assert!(!csv.contains(",=cmd"), "{csv}");
    }
}
