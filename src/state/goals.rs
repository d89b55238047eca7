//! The goals part of the app-state API: write, change, tick, reorder, check in, change state,
//! and delete with undo. Every input is checked in the domain first; a refusal changes nothing.

use super::{Device, DeviceError, Result};
use crate::domain::goals::{GoalError, check_note, check_step};
use crate::domain::{EntryId, Goal, GoalDraft, GoalState, LocalStamp, Progress};

fn invalid(err: GoalError) -> DeviceError {
    DeviceError::Goal(err)
}

impl Device {
    pub fn goals(&self) -> Result<Vec<Goal>> {
        Ok(self.store()?.goals()?)
    }

    pub fn goal(&self, id: &EntryId) -> Result<Goal> {
        Ok(self.store()?.goal(id)?)
    }

    /// Saves a new goal (with its first step, if any) and returns its id.
    pub fn create_goal(&self, draft: GoalDraft) -> Result<EntryId> {
        let draft = draft.validated().map_err(invalid)?;
        Ok(self.store()?.insert_goal(&draft, LocalStamp::now())?)
    }

    /// Changes what, why and the target date (the first step lives in the checklist by now).
    pub fn update_goal(&self, id: &EntryId, draft: GoalDraft) -> Result<()> {
        let draft = GoalDraft {
            first_step: String::new(),
            ..draft
        }
        .validated()
        .map_err(invalid)?;
        Ok(self.store()?.update_goal(id, &draft, LocalStamp::now())?)
    }

    pub fn set_goal_state(&self, id: &EntryId, state: GoalState) -> Result<()> {
        Ok(self.store()?.set_goal_state(id, state, LocalStamp::now())?)
    }

    pub fn delete_goal(&self, id: &EntryId) -> Result<()> {
        Ok(self.store()?.delete_goal(id, LocalStamp::now())?)
    }

    pub fn undo_delete_goal(&self, id: &EntryId) -> Result<()> {
        Ok(self.store()?.restore_goal(id)?)
    }

    pub fn add_goal_step(&self, goal: &EntryId, text: &str) -> Result<EntryId> {
        let text = check_step(text).map_err(invalid)?;
        Ok(self.store()?.add_goal_step(goal, &text)?)
    }

    pub fn set_step_done(&self, step: &EntryId, done: bool) -> Result<()> {
        Ok(self.store()?.set_step_done(step, done)?)
    }

    pub fn move_goal_step(&self, step: &EntryId, up: bool) -> Result<()> {
        Ok(self.store()?.move_goal_step(step, up)?)
    }

    pub fn remove_goal_step(&self, step: &EntryId) -> Result<()> {
        Ok(self.store()?.remove_goal_step(step)?)
    }

    /// Adds a check-in: how it's going (required) and an optional note.
    pub fn check_in_on_goal(
        &self,
        goal: &EntryId,
        progress: Option<Progress>,
        note: &str,
    ) -> Result<()> {
        let progress = progress.ok_or(GoalError::NoProgress).map_err(invalid)?;
        let note = check_note(note).map_err(invalid)?;
        self.store()?
            .add_goal_check_in(goal, progress, note.as_deref(), LocalStamp::now())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_step_or_check_in_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        let goal = device
            .create_goal(GoalDraft {
                title: "Sleep earlier".into(),
                ..Default::default()
            })
            .unwrap();
        let err = device
            .add_goal_step(&goal, &"s".repeat(10_000))
            .unwrap_err();
        assert!(err.to_string().contains("500 characters"));
        assert!(device.check_in_on_goal(&goal, None, "note").is_err());
        let saved = device.goal(&goal).unwrap();
        assert!(saved.steps.is_empty() && saved.check_ins.is_empty());
        assert!(device.create_goal(GoalDraft::default()).is_err());
        assert_eq!(device.goals().unwrap().len(), 1);
    }
}
