//! Where an open store lives while the app runs: empty while the app is locked (the database is
//! closed and its key is gone from memory), holding the store once the passcode opens it.

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex, MutexGuard};

use super::Store;

/// Why the store could not be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotError {
    /// The app is locked; nothing can be read or written until the passcode opens it.
    Locked,
    /// Another part of the app panicked while holding the store.
    Poisoned,
}

/// The device's store, or nothing while locked. Cheap to clone; clones share one store.
#[derive(Clone, Default)]
pub struct StoreSlot(Arc<Mutex<Option<Store>>>);

/// A held, open store.
pub struct OpenStore<'a>(MutexGuard<'a, Option<Store>>);

impl StoreSlot {
    pub fn new(store: Option<Store>) -> Self {
        Self(Arc::new(Mutex::new(store)))
    }

    /// The open store, held until the guard is dropped.
    pub fn get(&self) -> Result<OpenStore<'_>, SlotError> {
        let guard = self.0.lock().map_err(|_| SlotError::Poisoned)?;
        if guard.is_none() {
            return Err(SlotError::Locked);
        }
        Ok(OpenStore(guard))
    }

    /// Puts `store` in (unlocking) or takes it out (`None`: locking, which closes the database).
    pub fn replace(&self, store: Option<Store>) -> Result<(), SlotError> {
        let mut guard = self.0.lock().map_err(|_| SlotError::Poisoned)?;
        *guard = store;
        Ok(())
    }

    pub fn is_open(&self) -> bool {
        self.0.lock().is_ok_and(|guard| guard.is_some())
    }

    pub fn same(&self, other: &StoreSlot) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for OpenStore<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.0
            .as_ref()
            .expect("an OpenStore is only made around an open store")
    }
}

impl DerefMut for OpenStore<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.0
            .as_mut()
            .expect("an OpenStore is only made around an open store")
    }
}
