//! The Help part of the app-state API: the mentee's trusted people and their safety plan.

use std::collections::HashMap;

use super::{Device, DeviceError, Result};
use crate::domain::safety_plan::check_item;
use crate::domain::{EntryId, PlanSection, TrustedPerson};
use crate::store::PlanItem;

impl Device {
    pub fn people(&self) -> Result<Vec<TrustedPerson>> {
        Ok(self.store()?.people()?)
    }

    /// Adds someone (no id) or changes them (their id), after checking what was typed.
    pub fn save_person(
        &self,
        id: Option<EntryId>,
        name: &str,
        phone: &str,
    ) -> Result<TrustedPerson> {
        let person =
            TrustedPerson::new(id.unwrap_or_default(), name, phone).map_err(DeviceError::Person)?;
        self.store()?.save_person(&person)?;
        Ok(person)
    }

    /// Puts back someone just removed (for undo).
    pub fn restore_person(&self, person: &TrustedPerson) -> Result<()> {
        Ok(self.store()?.save_person(person)?)
    }

    pub fn remove_person(&self, id: &EntryId) -> Result<()> {
        Ok(self.store()?.remove_person(id)?)
    }

    pub fn safety_plan(&self) -> Result<HashMap<PlanSection, Vec<PlanItem>>> {
        Ok(self.store()?.safety_plan()?)
    }

    pub fn add_plan_item(&self, section: PlanSection, text: &str) -> Result<PlanItem> {
        let text = check_item(text).map_err(DeviceError::Plan)?;
        Ok(self.store()?.add_plan_item(section, &text)?)
    }

    pub fn update_plan_item(&self, id: &EntryId, text: &str) -> Result<()> {
        let text = check_item(text).map_err(DeviceError::Plan)?;
        Ok(self.store()?.update_plan_item(id, &text)?)
    }

    pub fn remove_plan_item(&self, id: &EntryId) -> Result<()> {
        Ok(self.store()?.remove_plan_item(id)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_refused_with_a_plain_message_and_nothing_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        let err = device
            .save_person(None, "Rosa", "not a number")
            .unwrap_err();
        assert!(err.to_string().contains("doesn't look like a phone number"));
        assert!(device.people().unwrap().is_empty());
        let err = device
            .add_plan_item(PlanSection::ThingsICanDo, &"a".repeat(10_000))
            .unwrap_err();
        assert!(err.to_string().contains("1,000 characters"));
        assert!(device.safety_plan().unwrap().is_empty());
    }
}
