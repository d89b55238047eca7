//! Staff accounts and console sessions, sealed by the program's key.
//!
//! The console trusts a staff account (its id, its name, its password hash, whether it may open
//! the safeguarding inbox) and a sign-in session (its cookie's hash, whose it is, its CSRF token,
//! when it ends) only when the row carries the program key's signature over exactly those fields.
//! So someone who can write to the database but has no `program.key` can neither mint a session,
//! nor swap in a password hash they know, nor give an account the safeguarding role (which would
//! let them set up a lead key of their own, vouched for by the program key, and then an inbox key
//! every mentor phone seals concerns to).
//!
//! The stores hand these rows out only as [`Sealed`], whose contents can be read only by checking
//! the seal against the key in the data folder (never against the public key the database
//! records), so no handler can forget the check. Rows are sealed when Steady writes them, under
//! the key's turn (`program_key::with_key`), and sealed again by a rotation in the same
//! transaction that records it. A row from before seals (or one a writer changed) is sealed only
//! by the operator's explicit `steady-server staff seal NAME`, never at start-up.
//!
//! What a seal cannot stop: a writer who kept an old row, seal and all, can put it back (a lead
//! since removed, a password since changed). README's threat model says so.

use crate::error::{ServerError, ServerResult};
use std::path::Path;
use std::sync::Arc;

use super::ServerState;
use crate::storage::ServerStore;
use crate::storage::care::{LeadKey, StaffLead};
use crate::storage::staff::StaffSession;
use steady_core::crypto::{ProgramKey, fields_signed};

const ACCOUNT_CONTEXT: &[u8] = b"steady-staff-account-v1";
const SESSION_CONTEXT: &[u8] = b"steady-staff-session-v1";

/// A staff account as the database keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffAccount {
    pub id: String,
    pub name: String,
    /// Argon2id, PHC string.
    pub password_hash: String,
    /// Whether they may open the safeguarding inbox.
    pub safeguarding: bool,
}

/// A console sign-in as the database keeps it: never the cookie, only its SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    pub token_hash: String,
    pub staff_id: String,
    pub csrf: String,
    pub expires_at: i64,
}

/// A row the program key seals: which fields, under which context.
pub trait Sealable {
    const CONTEXT: &'static [u8];
    fn fields(&self) -> Vec<Vec<u8>>;
}

impl Sealable for StaffAccount {
    const CONTEXT: &'static [u8] = ACCOUNT_CONTEXT;
    fn fields(&self) -> Vec<Vec<u8>> {
        vec![
            self.id.clone().into_bytes(),
            self.name.clone().into_bytes(),
            self.password_hash.clone().into_bytes(),
            vec![u8::from(self.safeguarding)],
        ]
    }
}

impl Sealable for SessionRow {
    const CONTEXT: &'static [u8] = SESSION_CONTEXT;
    fn fields(&self) -> Vec<Vec<u8>> {
        vec![
            self.token_hash.clone().into_bytes(),
            self.staff_id.clone().into_bytes(),
            self.csrf.clone().into_bytes(),
            self.expires_at.to_be_bytes().to_vec(),
        ]
    }
}

/// The program key's seal over `row` (base64url).
pub fn seal<T: Sealable>(key: &ProgramKey, row: &T) -> String {
    let fields = row.fields();
    let fields: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
    key.sign_fields(T::CONTEXT, &fields)
}

/// A row as the database gave it, with the seal it came with. Its contents are read through
/// [`Sealed::open`] only.
#[derive(Clone, Debug)]
pub struct Sealed<T> {
    row: T,
    seal: Option<String>,
}

impl<T: Sealable> Sealed<T> {
    /// What a store read (for the stores only).
    pub(super) fn from_database(row: T, seal: Option<String>) -> Self {
        Self { row, seal }
    }

    /// The row, if `program` (the program key's public half, base64url) sealed exactly it.
    pub fn open(self, program: &str) -> Option<T> {
        let seal = self.seal.as_deref()?;
        let fields = self.row.fields();
        let fields: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
        fields_signed(program, T::CONTEXT, &fields, seal).then_some(self.row)
    }

    /// The row with its seal unchecked: only for the operator's explicit `staff seal NAME` and
    /// for naming a refused row in the server's log, never for deciding anything.
    pub fn unchecked(&self) -> &T {
        &self.row
    }
}

/// The program's key, for checking: read from the data folder.
fn program(state: &ServerState) -> Option<String> {
    match state.program_key() {
        Ok(key) => Some(key.public()),
        Err(err) => {
            tracing::error!("the program key could not be read: {err:#}");
            None
        }
    }
}

/// An account, if its seal holds; a refused one is named in the server's log (a staff name is
/// not entry content).
fn open_account(account: Sealed<StaffAccount>, program: &str) -> Option<StaffAccount> {
    let id = account.unchecked().id.clone();
    let opened = account.open(program);
    if opened.is_none() {
        tracing::warn!(
            "staff account {id} is not sealed by the program key (written outside Steady, or \
             before seals): it cannot sign in or act until `steady-server staff seal` says so"
        );
    }
    opened
}

/// The signed-in staff member behind the cookie whose hash is `token_hash`: both the session
/// and the account must carry the program's seal, and name each other.
pub(crate) fn session(state: &ServerState, token_hash: &str, now: i64) -> Option<StaffSession> {
    let (session, account) = state.store.staff_session(token_hash, now).ok()??;
    let program = program(state)?;
    let Some(session) = session.open(&program) else {
        tracing::warn!("a console session not sealed by the program key was refused");
        return None;
    };
    let account = open_account(account, &program)?;
    (session.staff_id == account.id && session.token_hash == token_hash).then_some(StaffSession {
        staff_id: account.id,
        name: account.name,
        csrf: session.csrf,
        safeguarding: account.safeguarding,
    })
}

/// The account signing in as `name`, if it exists and its seal holds.
pub(crate) fn login(state: &ServerState, name: &str) -> Option<StaffAccount> {
    let account = state.store.staff_login(name).ok()??;
    open_account(account, &program(state)?)
}

/// Keeps a new sign-in, sealed.
pub(crate) fn start_session(state: &ServerState, session: &SessionRow) -> ServerResult<()> {
    super::program_key::with_key(&state.data_dir, state.store.as_ref(), |key| {
        Ok(state.store.start_session(session, &seal(key, session))?)
    })
}

/// Every staff account whose seal holds, by name, with its lead key if it has one.
pub(crate) fn leads(state: &ServerState) -> ServerResult<Vec<StaffLead>> {
    let rows = state.store.safeguarding_staff()?;
    let program = program(state).ok_or_else(|| ServerError::Staff("no program key".to_string()))?;
    Ok(rows
        .into_iter()
        .filter_map(|(account, key): (Sealed<StaffAccount>, Option<LeadKey>)| {
            let account = open_account(account, &program)?;
            Some(StaffLead {
                staff_id: account.id,
                name: account.name,
                safeguarding: account.safeguarding,
                key,
            })
        })
        .collect())
}

/// Gives `staff_id` the safeguarding role; false when there is no such sealed account or it has
/// the role already.
pub(crate) fn make_lead(state: &ServerState, staff_id: &str) -> ServerResult<bool> {
    super::program_key::with_key(&state.data_dir, state.store.as_ref(), |key| {
        let Some(old) = state.store.staff_account(staff_id)? else {
            return Ok(false);
        };
        let Some(old) = open_account(old, &key.public()).filter(|a| !a.safeguarding) else {
            return Ok(false);
        };
        let new = StaffAccount {
            safeguarding: true,
            ..old.clone()
        };
        Ok(state.store.reseal_staff(&old, &new, &seal(key, &new))?)
    })
}

/// Takes the safeguarding role, the lead's key and their grants away, with `audit`'s line, in one
/// transaction; false
/// when they did not have the role (or their account's seal does not hold).
pub(crate) fn remove_lead(
    state: &ServerState,
    staff_id: &str,
    audit: &crate::storage::staff::Audited<'_>,
) -> ServerResult<bool> {
    super::program_key::with_key(&state.data_dir, state.store.as_ref(), |key| {
        let Some(old) = state.store.staff_account(staff_id)? else {
            return Ok(false);
        };
        let Some(old) = open_account(old, &key.public()).filter(|a| a.safeguarding) else {
            return Ok(false);
        };
        let new = StaffAccount {
            safeguarding: false,
            ..old.clone()
        };
        Ok(state.store.remove_lead(&old, &seal(key, &new), audit)?)
    })
}

/// Adds a sealed staff account with an Argon2id hash of `password`, and notes it in the audit
/// log.
pub fn add_staff(
    store: &Arc<dyn ServerStore>,
    data_dir: &Path,
    name: &str,
    password: &str,
) -> ServerResult<()> {
    if name.is_empty() {
        return Err(ServerError::Staff(
            "a staff account needs a name".to_string(),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(ServerError::Staff(
            "a staff name cannot hold control characters (tabs, line breaks, zeros)".to_string(),
        ));
    }
    let account = StaffAccount {
        id: uuid::Uuid::new_v4().to_string(),
        name: name.to_owned(),
        password_hash: steady_core::crypto::hash_password(password)?,
        safeguarding: false,
    };
    super::program_key::with_key(data_dir, store.as_ref(), |key| {
        Ok(store.add_staff(&account, &seal(key, &account), super::now())?)
    })?;
    store.audit("command line", "added a staff account", name, super::now())?;
    Ok(())
}

/// Gives (or takes) the safeguarding role from the command line; false when there is no account
/// of that name. An account whose seal does not hold is refused with what to do.
pub fn set_safeguarding(
    store: &Arc<dyn ServerStore>,
    data_dir: &Path,
    name: &str,
    on: bool,
) -> ServerResult<bool> {
    super::program_key::with_key(data_dir, store.as_ref(), |key| {
        let Some(old) = store.staff_login(name)? else {
            return Ok(false);
        };
        let Some(old) = old.open(&key.public()) else {
            return Err(ServerError::Staff(format!(
                "the account {name:?} is not sealed by the program key: check it is yours, then \
                 `steady-server staff seal {name:?}`"
            )));
        };
        let new = StaffAccount {
            safeguarding: on,
            ..old.clone()
        };
        Ok(old == new || store.reseal_staff(&old, &new, &seal(key, &new))?)
    })
}

/// The operator's word that the account `name`, as the database holds it now, is the program's:
/// seals it. For accounts made before seals, or restored by hand. Returns the account as sealed,
/// so the command can say what it vouched for.
pub fn seal_account(
    store: &Arc<dyn ServerStore>,
    data_dir: &Path,
    name: &str,
) -> ServerResult<StaffAccount> {
    super::program_key::with_key(data_dir, store.as_ref(), |key| {
        let Some(row) = store.staff_login(name)? else {
            return Err(ServerError::Staff(format!(
                "there is no staff account named {name:?}"
            )));
        };
        let account = row.unchecked().clone();
        if !store.reseal_staff(&account, &account, &seal(key, &account))? {
            return Err(ServerError::Staff(format!(
                "the account {name:?} changed while it was being sealed: try again"
            )));
        }
        Ok(account)
    })
}

/// The names of accounts whose seal does not hold (for the server's start and the operator).
pub fn unsealed_accounts(store: &dyn ServerStore, data_dir: &Path) -> ServerResult<Vec<String>> {
    let program = super::program_key::load(data_dir, store)?.public();
    Ok(store
        .staff_accounts()?
        .into_iter()
        .filter_map(|row| {
            let name = row.unchecked().name.clone();
            row.open(&program).is_none().then_some(name)
        })
        .collect())
}

/// A rotation's new seals: every account that `old` sealed, sealed again by `next`. Sessions are
/// not carried over (everyone signs in again after a rotation).
pub(super) fn resealed(
    store: &dyn ServerStore,
    old: &ProgramKey,
    next: &ProgramKey,
) -> ServerResult<Vec<(StaffAccount, String)>> {
    let old = old.public();
    Ok(store
        .staff_accounts()?
        .into_iter()
        .filter_map(|row| row.open(&old))
        .map(|account| {
            let seal = seal(next, &account);
            (account, seal)
        })
        .collect())
}

/// Every lead's key the old program key vouched for, vouched for by the next one, for the rotation
/// to record in its transaction. Only the old key's own vouch is carried over (never one an
/// earlier, retired key made): after the rotation only the new key's vouch counts, so a retired
/// key (a leaked backup) can vouch for nothing.
pub(super) fn revouched_leads(
    store: &dyn ServerStore,
    old: &ProgramKey,
    next: &ProgramKey,
) -> ServerResult<Vec<crate::storage::care::LeadRevouch>> {
    let old_public = old.public();
    Ok(store
        .safeguarding_staff()?
        .into_iter()
        // The vouch names the staff id itself, so the account's own seal is not needed here: a
        // lead whose account is sealed again later (`staff seal`) keeps a trusted key.
        .filter_map(|(account, key)| Some((account.unchecked().id.clone(), key?)))
        .filter(|(staff_id, key)| {
            key.signed_by == old_public
                && steady_core::crypto::lead_key_vouched(
                    &key.signed_by,
                    staff_id,
                    &key.public_key,
                    &key.signature,
                )
        })
        .map(|(staff_id, key)| crate::storage::care::LeadRevouch {
            signature: next.vouch_for_lead(&staff_id, &key.public_key),
            signed_by: next.public(),
            staff_id,
            public_key: key.public_key,
            old_signature: key.signature,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> StaffAccount {
        StaffAccount {
            id: "id-1".into(),
            name: "Dana".into(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
            safeguarding: false,
        }
    }

    #[test]
    fn a_seal_holds_only_for_the_same_fields_and_the_same_key() {
        let (key, _) = ProgramKey::generate().unwrap();
        let (other, _) = ProgramKey::generate().unwrap();
        let dana = account();
        let sealed = seal(&key, &dana);
        let row = |account: StaffAccount, seal: Option<&str>| {
            Sealed::from_database(account, seal.map(str::to_owned))
        };
        assert_eq!(
            row(dana.clone(), Some(&sealed)).open(&key.public()),
            Some(dana.clone())
        );
        assert_eq!(row(dana.clone(), Some(&sealed)).open(&other.public()), None);
        assert_eq!(row(dana.clone(), None).open(&key.public()), None);
        for changed in [
            StaffAccount {
                safeguarding: true,
                ..dana.clone()
            },
            StaffAccount {
                password_hash: "$argon2id$v=19$m=19456,t=2,p=1$bWluZQ$bWluZQ".into(),
                ..dana.clone()
            },
            StaffAccount {
                name: "Dan".into(),
                ..dana.clone()
            },
            StaffAccount {
                id: "id-2".into(),
                ..dana.clone()
            },
        ] {
            assert_eq!(row(changed, Some(&sealed)).open(&key.public()), None);
        }
        // Another kind of row with the same bytes is not sealed by it.
        let session = SessionRow {
            token_hash: dana.id.clone(),
            staff_id: dana.name.clone(),
            csrf: dana.password_hash.clone(),
            expires_at: 0,
        };
        assert_eq!(
            Sealed::from_database(session, Some(sealed)).open(&key.public()),
            None
        );
    }
}
