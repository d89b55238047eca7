//! A real preview server on 127.0.0.1:0 over a temp data root, shut down when dropped.

use steady::preview::{Devices, serve};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub struct PreviewServer {
    pub base: String,
    /// The simulated devices, for tests that enrol them with a sync server first.
    pub devices: Devices,
    _root: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
}

impl PreviewServer {
    pub async fn start() -> Self {
        Self::start_with_time_scale(1.0).await
    }

    /// A preview whose tool clocks run `scale` times faster than real time.
    pub async fn start_with_time_scale(scale: f64) -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = oneshot::channel::<()>();
        let devices = Devices::new(root.path()).with_time_scale(scale);
        let served = devices.clone();
        tokio::spawn(async move {
            let _ = serve(listener, served, None, async {
                let _ = stopped.await;
            })
            .await;
        });
        Self {
            base,
            devices,
            _root: root,
            stop: Some(stop),
        }
    }

    /// The URL of the simulated device `name`.
    pub fn device_url(&self, name: &str) -> String {
        format!("{}/d/{name}", self.base)
    }
}

impl Drop for PreviewServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
