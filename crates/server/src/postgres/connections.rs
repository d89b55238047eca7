//! The PostgreSQL store's connections: a small runtime of its own on its own thread drives them
//! (so the store's calls can wait for queries from any thread, async workers included), TLS when
//! the database URL asks for it, statements prepared once per connection, a pool that reopens
//! what closed, and the listening connection's notifications passed to the caches.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Client, GenericClient, NoTls, Row, Statement, Transaction};

use crate::cache::Caches;
use crate::storage::{Result, ServerStoreError};

/// Waits for a query on the calling thread. On an async worker of a multi-threaded runtime (a
/// request's handler) the worker steps aside first (`tokio::task::block_in_place`: its other
/// tasks move to another worker while this one waits on the network), so a database round trip
/// never holds up the node's other requests. Elsewhere (a blocking thread, a test's
/// single-threaded runtime, no runtime at all) it simply waits.
pub(crate) fn wait<F: Future>(future: F) -> F::Output {
    let on_a_worker = tokio::runtime::Handle::try_current().is_ok_and(|runtime| {
        runtime.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread
    });
    if on_a_worker {
        tokio::task::block_in_place(|| futures_executor::block_on(future))
    } else {
        futures_executor::block_on(future)
    }
}

/// The runtime the connections run on, on a thread of its own, stopped when the store goes.
pub(super) struct Background {
    handle: tokio::runtime::Handle,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Background {
    pub(super) fn start() -> Result<Background> {
        let (handle_tx, handle_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        std::thread::Builder::new()
            .name("steady-postgres".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                match runtime {
                    Ok(runtime) => {
                        let _ = handle_tx.send(Some(runtime.handle().clone()));
                        runtime.block_on(async {
                            let _ = stopped.await;
                        });
                    }
                    Err(_) => {
                        let _ = handle_tx.send(None);
                    }
                }
            })
            .map_err(|_| ServerStoreError::Poisoned)?;
        let handle = handle_rx
            .recv()
            .ok()
            .flatten()
            .ok_or(ServerStoreError::Poisoned)?;
        Ok(Background {
            handle,
            stop: Some(stop),
        })
    }

    /// Runs `future` on the background runtime and waits for it.
    fn run<T: Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> Result<T> {
        wait(self.handle.spawn(future)).map_err(|_| ServerStoreError::Poisoned)
    }

    /// Opens a connection. With `caches`, each change notification on it empties them (or the
    /// feed head it names), and so does its end, since notifications may be missed from then on.
    pub(super) fn connect(&self, target: &Target, caches: Option<Arc<Caches>>) -> Result<Client> {
        let Target { config, tls } = target.clone();
        let connected = self.run(async move {
            match tls {
                Some(tls) => {
                    let (client, connection) = config.connect(tls).await?;
                    tokio::spawn(listen(connection, caches));
                    Ok::<_, tokio_postgres::Error>(client)
                }
                None => {
                    let (client, connection) = config.connect(NoTls).await?;
                    tokio::spawn(listen(connection, caches));
                    Ok(client)
                }
            }
        })?;
        Ok(connected?)
    }
}

/// Drives a connection, passing its change notifications to `caches`.
async fn listen<S, T>(mut connection: tokio_postgres::Connection<S, T>, caches: Option<Arc<Caches>>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    loop {
        match std::future::poll_fn(|cx| connection.poll_message(cx)).await {
            Some(Ok(AsyncMessage::Notification(notification))) => {
                if let Some(caches) = &caches {
                    match notification.payload().strip_prefix("feed:") {
                        Some(mentee) => caches.forget_feed_head(mentee),
                        None => caches.forget(),
                    }
                }
            }
            Some(Ok(_)) => {}
            Some(Err(_)) | None => break,
        }
    }
    if let Some(caches) = &caches {
        caches.forget();
    }
}

/// Where the store connects, and how: in the clear, or over TLS when the URL's `sslmode` asks
/// for it (`require`, `verify-ca` or `verify-full`: all three check the certificate and the host
/// name, as libpq's `verify-full` does) against the roots the sync client bundles, plus those in
/// `sslrootcert` (a PEM file) if given.
#[derive(Clone)]
pub(super) struct Target {
    config: tokio_postgres::Config,
    tls: Option<tokio_postgres_rustls::MakeRustlsConnect>,
}

impl Target {
    pub(super) fn parse(url: &str) -> Result<Target> {
        let invalid = |what: &str| ServerStoreError::Postgres(format!("the database URL {what}"));
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut kept = Vec::new();
        let mut tls = false;
        let mut roots_file = None;
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            match pair.split_once('=') {
                Some(("sslmode", "disable")) => {}
                Some(("sslmode", "require" | "verify-ca" | "verify-full")) => tls = true,
                // To libpq these mean "TLS if the server offers it": an operator reading one
                // would believe the connection is encrypted. Here it would be plain, so say so.
                Some(("sslmode", "allow" | "prefer")) => {
                    return Err(invalid(
                        "has sslmode=allow or prefer, which would connect in the clear here: say \
                         sslmode=require (TLS, certificate checked) or, for a database on this \
                         machine, sslmode=disable",
                    ));
                }
                Some(("sslmode", _)) => {
                    return Err(invalid(
                        "has an sslmode other than disable, require, verify-ca or verify-full",
                    ));
                }
                Some(("sslrootcert", path)) => roots_file = Some(path.to_owned()),
                _ => kept.push(pair),
            }
        }
        let plain = if kept.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        let mut config: tokio_postgres::Config =
            plain.parse().map_err(|_| invalid("is not valid"))?;
        if !tls {
            config.ssl_mode(tokio_postgres::config::SslMode::Disable);
            return Ok(Target { config, tls: None });
        }
        config.ssl_mode(tokio_postgres::config::SslMode::Require);
        let mut roots = Vec::new();
        if let Some(path) = roots_file {
            use rustls::pki_types::pem::PemObject;
            for root in rustls::pki_types::CertificateDer::pem_file_iter(&path)
                .map_err(|_| invalid("names an sslrootcert file that cannot be read"))?
            {
                roots.push(root.map_err(|_| invalid("names an sslrootcert file that is not PEM"))?);
            }
        }
        let mut client = steady_core::tls::client_config(&roots).map_err(|err| invalid(&err))?;
        // PostgreSQL 17 and later check the protocol a client names, when it names one.
        client.alpn_protocols = vec![b"postgresql".to_vec()];
        Ok(Target {
            config,
            tls: Some(tokio_postgres_rustls::MakeRustlsConnect::new(client)),
        })
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// One connection and the statements prepared on it.
pub(crate) struct Conn {
    client: Client,
    prepared: HashMap<&'static str, Statement>,
}

impl Conn {
    pub(super) fn new(client: Client) -> Conn {
        Conn {
            client,
            prepared: HashMap::new(),
        }
    }

    /// The connection itself (for the move from SQLite, whose statements are made at run time).
    pub(crate) fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// Queries outside a transaction (each statement commits on its own).
    pub(super) fn db(&mut self) -> Db<'_, Client> {
        Db {
            on: &self.client,
            prepared: &mut self.prepared,
        }
    }

    /// Runs `work` in one transaction: all of it commits, or (on an error) none of it.
    pub(super) fn transaction<R>(
        &mut self,
        work: impl FnOnce(&mut Db<'_, Transaction<'_>>) -> Result<R>,
    ) -> Result<R> {
        let Conn { client, prepared } = self;
        let tx = wait(client.transaction())?;
        let done = work(&mut Db { on: &tx, prepared })?;
        wait(tx.commit())?;
        Ok(done)
    }
}

/// Queries on a connection or a transaction, each statement prepared once per connection.
pub(super) struct Db<'a, C> {
    on: &'a C,
    prepared: &'a mut HashMap<&'static str, Statement>,
}

pub(super) type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

impl<C: GenericClient + Sync> Db<'_, C> {
    fn statement(&mut self, sql: &'static str) -> Result<Statement> {
        if let Some(statement) = self.prepared.get(sql) {
            return Ok(statement.clone());
        }
        let statement = wait(self.on.prepare(sql))?;
        self.prepared.insert(sql, statement.clone());
        Ok(statement)
    }

    pub(super) fn rows(&mut self, sql: &'static str, params: Params<'_>) -> Result<Vec<Row>> {
        let statement = self.statement(sql)?;
        Ok(wait(self.on.query(&statement, params))?)
    }

    pub(super) fn row(&mut self, sql: &'static str, params: Params<'_>) -> Result<Row> {
        let statement = self.statement(sql)?;
        Ok(wait(self.on.query_one(&statement, params))?)
    }

    pub(super) fn opt(&mut self, sql: &'static str, params: Params<'_>) -> Result<Option<Row>> {
        let statement = self.statement(sql)?;
        Ok(wait(self.on.query_opt(&statement, params))?)
    }

    /// Runs a statement; how many rows it changed.
    pub(super) fn run(&mut self, sql: &'static str, params: Params<'_>) -> Result<u64> {
        let statement = self.statement(sql)?;
        Ok(wait(self.on.execute(&statement, params))?)
    }

    /// Runs several statements at once (no parameters, nothing prepared).
    pub(super) fn batch(&mut self, sql: &str) -> Result<()> {
        Ok(wait(self.on.batch_execute(sql))?)
    }

    /// Holds `mentee_id`'s lock until the transaction ends: their changes go one at a time, on
    /// every node, so their feed numbers are handed out in commit order.
    pub(super) fn lock_mentee(&mut self, mentee_id: &str) -> Result<()> {
        self.row(LOCK_MENTEE, &[&mentee_id])?;
        Ok(())
    }

    /// Sends every query before waiting for any (one round trip for all); PostgreSQL runs them
    /// in order. Each one's rows, in the same order.
    pub(super) fn pipelined(
        &mut self,
        queries: &[(&'static str, Params<'_>)],
    ) -> Result<Vec<Vec<Row>>> {
        let statements = queries
            .iter()
            .map(|(sql, _)| self.statement(sql))
            .collect::<Result<Vec<_>>>()?;
        let mut pending: Vec<_> = statements
            .iter()
            .zip(queries)
            .map(|(statement, (_, params))| Some(self.on.query(statement, params)))
            .collect();
        let mut done: Vec<Option<Result<Vec<Row>, tokio_postgres::Error>>> =
            (0..queries.len()).map(|_| None).collect();
        wait(std::future::poll_fn(|cx| {
            // Polled in order, so they are sent in order.
            for (future, outcome) in pending.iter_mut().zip(done.iter_mut()) {
                if let Some(running) = future
                    && let std::task::Poll::Ready(result) = running.as_mut().poll(cx)
                {
                    *outcome = Some(result);
                    *future = None;
                }
            }
            if done.iter().all(Option::is_some) {
                std::task::Poll::Ready(())
            } else {
                std::task::Poll::Pending
            }
        }));
        done.into_iter()
            .map(|outcome| Ok(outcome.expect("every query finished")?))
            .collect()
    }
}

/// A mentee's lock (see [`Db::lock_mentee`]).
pub(super) const LOCK_MENTEE: &str = "SELECT pg_advisory_xact_lock(hashtextextended($1, 1))";

/// A few connections for reads and a few for writes, each used by one caller at a time; one
/// that closed is opened again.
pub(super) struct Pool {
    pub(super) readers: Vec<Mutex<Option<Conn>>>,
    pub(super) writers: Vec<Mutex<Option<Conn>>>,
    pub(super) next: AtomicUsize,
    pub(super) target: Target,
    pub(super) background: Background,
}

/// A connection taken from the pool.
pub(crate) struct Taken<'a>(MutexGuard<'a, Option<Conn>>);

impl std::ops::Deref for Taken<'_> {
    type Target = Conn;

    fn deref(&self) -> &Conn {
        self.0.as_ref().expect("a taken connection is open")
    }
}

impl std::ops::DerefMut for Taken<'_> {
    fn deref_mut(&mut self) -> &mut Conn {
        self.0.as_mut().expect("a taken connection is open")
    }
}

impl Pool {
    pub(super) fn take<'a>(&'a self, connections: &'a [Mutex<Option<Conn>>]) -> Result<Taken<'a>> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let count = connections.len();
        let free = (0..count).find_map(|offset| {
            let slot = &connections[(start + offset) % count];
            match slot.try_lock() {
                Ok(guard) => Some(guard),
                Err(std::sync::TryLockError::Poisoned(poisoned)) => Some(reset(slot, poisoned)),
                Err(std::sync::TryLockError::WouldBlock) => None,
            }
        });
        let mut guard = match free {
            Some(guard) => guard,
            None => {
                let slot = &connections[start % count];
                slot.lock().unwrap_or_else(|poisoned| reset(slot, poisoned))
            }
        };
        if guard.as_ref().is_none_or(|conn| conn.client.is_closed()) {
            *guard = None;
            *guard = Some(Conn::new(self.background.connect(&self.target, None)?));
        }
        Ok(Taken(guard))
    }
}

/// A connection whose last user panicked (say, half way through a transaction) is closed and
/// opened again on its next use, rather than lost to the pool for good.
fn reset<'a>(
    slot: &Mutex<Option<Conn>>,
    poisoned: PoisonError<MutexGuard<'a, Option<Conn>>>,
) -> MutexGuard<'a, Option<Conn>> {
    let mut guard = poisoned.into_inner();
    *guard = None;
    slot.clear_poison();
    guard
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(url: &str) -> String {
        match Target::parse(url) {
            Err(err) => err.to_string(),
            Ok(_) => panic!("{url} was taken"),
        }
    }

    #[test]
    fn an_sslmode_that_would_mean_plaintext_here_is_refused_in_plain_words() {
        for mode in ["allow", "prefer"] {
            let said = refusal(&format!("postgres://u:p@db.example/steady?sslmode={mode}"));
            assert!(
                said.contains("in the clear") && said.contains("sslmode=require"),
                "{said}"
            );
        }
        assert!(
            refusal("postgres://u:p@db.example/steady?sslmode=sometimes").contains("other than")
        );
        let plain = Target::parse("postgres://u:p@localhost/steady?sslmode=disable").unwrap();
        assert!(plain.tls.is_none());
        let tls = Target::parse("postgres://u:p@db.example/steady?sslmode=require").unwrap();
        assert!(tls.tls.is_some());
    }
}
