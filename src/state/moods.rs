//! A mentee's check-ins: logging a mood, its details, changing or deleting one (with undo), and
//! reading them back by day and as a chart.

use chrono::NaiveDate;

use super::{Device, Result};
use crate::domain::history::{self, ChartRange, ChartSummary, DayGroup, DayPoint};
use crate::domain::{ContextTag, EntryId, LocalStamp, MoodDetails, MoodEntry, MoodLevel};

impl Device {
    /// Saves a check-in with just a level: the one-tap path. Saved when this returns.
    pub fn log_mood(&self, level: MoodLevel) -> Result<MoodEntry> {
        let entry = MoodEntry::new(level, LocalStamp::now());
        self.store()?.insert_mood(&entry)?;
        Ok(entry)
    }

    /// Saves a check-in's level and optional details; custom tags are remembered for next time.
    pub fn save_details(
        &self,
        id: &EntryId,
        level: MoodLevel,
        details: MoodDetails,
    ) -> Result<MoodEntry> {
        let mut store = self.store()?;
        let saved = store.update_mood(id, level, details, LocalStamp::now())?;
        for tag in &saved.details.tags {
            store.remember_tag(tag)?;
        }
        Ok(saved)
    }

    /// Changes just the level of a check-in, keeping its details: a second tap right after the
    /// first corrects it instead of making another check-in.
    pub fn change_level(&self, id: &EntryId, level: MoodLevel) -> Result<MoodEntry> {
        let mut store = self.store()?;
        let entry = store.mood(id)?;
        Ok(store.update_mood(id, level, entry.details, LocalStamp::now())?)
    }

    pub fn mood(&self, id: &EntryId) -> Result<MoodEntry> {
        Ok(self.store()?.mood(id)?)
    }

    /// Deletes a check-in so that [`Device::undo_delete`] can still bring it back.
    pub fn delete_mood(&self, id: &EntryId) -> Result<()> {
        Ok(self.store()?.delete_mood(id, LocalStamp::now())?)
    }

    pub fn undo_delete(&self, id: &EntryId) -> Result<MoodEntry> {
        Ok(self.store()?.restore_mood(id)?)
    }

    /// Check-ins from `since` to today, grouped by local day, newest first.
    pub fn history_since(&self, since: NaiveDate) -> Result<Vec<DayGroup>> {
        let entries = self.store()?.moods_between(since, self.today())?;
        Ok(history::group_by_day(entries))
    }

    /// Whether there are check-ins older than `day`.
    pub fn has_history_before(&self, day: NaiveDate) -> Result<bool> {
        Ok(self
            .store()?
            .first_mood_day()?
            .is_some_and(|first| first < day))
    }

    /// The points and the spoken summary (in `lang`) of a chart ending today.
    pub fn chart(
        &self,
        range: ChartRange,
        lang: crate::i18n::Lang,
    ) -> Result<(Vec<DayPoint>, ChartSummary)> {
        let today = self.today();
        let points = self
            .store()?
            .mood_points_between(range.first_day(today), today)?;
        Ok((
            history::chart_points(&points, range, today),
            history::summarize_in(lang, &points, range, today, None),
        ))
    }

    /// The common tags followed by the mentee's own.
    pub fn tag_choices(&self) -> Result<Vec<ContextTag>> {
        let mut tags = ContextTag::COMMON.to_vec();
        tags.extend(self.store()?.custom_tags()?);
        Ok(tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logged_mood_shows_in_todays_history_and_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        let entry = device.log_mood(MoodLevel::new(2).unwrap()).unwrap();
        let details = MoodDetails {
            tags: vec![ContextTag::Custom("football".into())],
            ..Default::default()
        };
        device
            .save_details(&entry.id, entry.level, details)
            .unwrap();
        let corrected = device
            .change_level(&entry.id, MoodLevel::new(3).unwrap())
            .unwrap();
        assert_eq!(
            corrected.details.tags,
            vec![ContextTag::Custom("football".into())]
        );
        drop(device);
        let device = Device::open(dir.path()).unwrap();
        let today = device.history_since(device.today()).unwrap();
        assert_eq!(today.len(), 1);
        assert_eq!(today[0].entries[0].id, entry.id);
        assert_eq!(today[0].entries[0].level.value(), 3);
        assert!(
            device
                .tag_choices()
                .unwrap()
                .contains(&ContextTag::Custom("football".into()))
        );
    }
}
