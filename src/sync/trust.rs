//! Which of a mentee's devices a mentor device trusts to sign what the mentee shares, decided here
//! from what it already trusts and what the server lists (which it does not believe on its own):
//!
//! - the devices listed the first time this device ever sees a mentee, with no vouch, are pinned
//!   (trust on first sight; the mentor app shows their codes to compare with the mentee). Pins
//!   outlive a mentee's absence from the server's list, so leaving a mentee out once cannot make
//!   the next listing a "first sight";
//! - a later device is trusted only with a vouch: a signature over its id and keys by a device of
//!   the same mentee that is already trusted (chains are followed);
//! - a known device whose keys change, or a new one nobody trusted vouched for, waits (its items
//!   show "could not verify" until the mentor approves its code with the mentee);
//! - a device the server stops listing is gone: nothing new signed by it is trusted.

use crate::crypto::PublicKeys;
use crate::crypto::identity::vouch_message;
use crate::store::{MenteeDevice, MenteeDeviceTrust};

/// A device as the server lists it, keys and vouch decoded.
#[derive(Clone, Debug)]
pub struct ListedDevice {
    pub device_id: String,
    pub keys: PublicKeys,
    /// (the vouching device's id, its signature)
    pub vouch: Option<(String, Vec<u8>)>,
}

/// The trust of every device known or listed for `mentee_id` after this listing.
pub fn decide_mentee_devices(
    mentee_id: &str,
    known: &[MenteeDevice],
    listed: &[ListedDevice],
) -> Vec<MenteeDevice> {
    let first_sight = known.is_empty();
    let mut decided: Vec<MenteeDevice> = Vec::new();
    for device in known {
        let trust = match listed.iter().find(|l| l.device_id == device.device_id) {
            None => MenteeDeviceTrust::Gone,
            Some(listed) if listed.keys != device.keys => MenteeDeviceTrust::Waiting,
            Some(_) if device.trust == MenteeDeviceTrust::Gone => MenteeDeviceTrust::Waiting,
            Some(_) => device.trust,
        };
        let keys = listed
            .iter()
            .find(|l| l.device_id == device.device_id)
            .map_or_else(|| device.keys.clone(), |l| l.keys.clone());
        decided.push(MenteeDevice {
            device_id: device.device_id.clone(),
            keys,
            trust,
        });
    }
    for device in listed {
        if decided.iter().any(|d| d.device_id == device.device_id) {
            continue;
        }
        let trust = if first_sight && device.vouch.is_none() {
            MenteeDeviceTrust::Pinned
        } else {
            MenteeDeviceTrust::Waiting
        };
        decided.push(MenteeDevice {
            device_id: device.device_id.clone(),
            keys: device.keys.clone(),
            trust,
        });
    }
    // Follow vouches until nothing changes: a device vouched for by one just trusted counts too.
    loop {
        let mut changed = false;
        for index in 0..decided.len() {
            if decided[index].trust != MenteeDeviceTrust::Waiting {
                continue;
            }
            let Some(listed) = listed
                .iter()
                .find(|l| l.device_id == decided[index].device_id)
            else {
                continue;
            };
            let Some((by, signature)) = &listed.vouch else {
                continue;
            };
            let vouched = decided.iter().any(|voucher| {
                voucher.device_id == *by
                    && voucher.trust.is_trusted()
                    && voucher.keys.verifies(
                        &vouch_message(mentee_id, &listed.device_id, &listed.keys),
                        signature,
                    )
            });
            if vouched {
                decided[index].trust = MenteeDeviceTrust::Vouched;
                changed = true;
            }
        }
        if !changed {
            return decided;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::DeviceKeys;

    struct Phone {
        id: &'static str,
        keys: DeviceKeys,
    }

    impl Phone {
        fn new(id: &'static str) -> Self {
            Phone {
                id,
                keys: DeviceKeys::generate().unwrap(),
            }
        }

        fn listed(&self) -> ListedDevice {
            ListedDevice {
                device_id: self.id.into(),
                keys: self.keys.public(),
                vouch: None,
            }
        }

        fn vouched_by(&self, voucher: &Phone) -> ListedDevice {
            let signature = voucher
                .keys
                .sign(&vouch_message("alex", self.id, &self.keys.public()));
            ListedDevice {
                vouch: Some((voucher.id.into(), signature)),
                ..self.listed()
            }
        }
    }

    fn trust_of(decided: &[MenteeDevice], id: &str) -> MenteeDeviceTrust {
        decided.iter().find(|d| d.device_id == id).unwrap().trust
    }

    #[test]
    fn first_devices_are_pinned_and_later_ones_need_a_vouch_from_a_trusted_one() {
        let first = Phone::new("phone-1");
        let decided = decide_mentee_devices("alex", &[], &[first.listed()]);
        assert_eq!(trust_of(&decided, "phone-1"), MenteeDeviceTrust::Pinned);

        // The server enrols a device of its own for Alex: nothing vouches for it.
        let forged = Phone::new("forged");
        let second = Phone::new("phone-2");
        let third = Phone::new("phone-3");
        let listed = [
            first.listed(),
            forged.listed(),
            second.vouched_by(&first),
            third.vouched_by(&second),
        ];
        let decided = decide_mentee_devices("alex", &decided, &listed);
        assert_eq!(trust_of(&decided, "forged"), MenteeDeviceTrust::Waiting);
        assert_eq!(trust_of(&decided, "phone-2"), MenteeDeviceTrust::Vouched);
        assert_eq!(
            trust_of(&decided, "phone-3"),
            MenteeDeviceTrust::Vouched,
            "vouch chains are followed"
        );
    }

    #[test]
    fn a_vouch_from_an_untrusted_device_or_for_other_keys_counts_for_nothing() {
        let first = Phone::new("phone-1");
        let known = decide_mentee_devices("alex", &[], &[first.listed()]);
        let forged = Phone::new("forged");
        let accomplice = Phone::new("accomplice");
        let mut swapped = accomplice.vouched_by(&first);
        swapped.keys = forged.keys.public();
        let listed = [
            first.listed(),
            forged.vouched_by(&accomplice),
            accomplice.listed(),
            swapped,
        ];
        let decided = decide_mentee_devices("alex", &known, &listed[..3]);
        assert_eq!(trust_of(&decided, "forged"), MenteeDeviceTrust::Waiting);
        assert_eq!(trust_of(&decided, "accomplice"), MenteeDeviceTrust::Waiting);
        let decided = decide_mentee_devices("alex", &known, &[first.listed(), listed[3].clone()]);
        assert_eq!(trust_of(&decided, "accomplice"), MenteeDeviceTrust::Waiting);
    }

    #[test]
    fn new_keys_under_a_known_id_wait_and_unlisted_devices_are_gone() {
        let first = Phone::new("phone-1");
        let known = decide_mentee_devices("alex", &[], &[first.listed()]);
        let mut replaced = first.listed();
        replaced.keys = DeviceKeys::generate().unwrap().public();
        let decided = decide_mentee_devices("alex", &known, &[replaced]);
        assert_eq!(trust_of(&decided, "phone-1"), MenteeDeviceTrust::Waiting);
        let decided = decide_mentee_devices("alex", &known, &[]);
        assert_eq!(trust_of(&decided, "phone-1"), MenteeDeviceTrust::Gone);
        // Listed again later: it waits, it is not pinned again.
        let decided = decide_mentee_devices("alex", &decided, &[first.listed()]);
        assert_eq!(trust_of(&decided, "phone-1"), MenteeDeviceTrust::Waiting);
    }
}
