//! Starts Steady as the enabled feature chooses: the demo (`preview`, the default: the sync
//! server, the staff console and simulated devices on 127.0.0.1), the desktop window, or the
//! phone app. The window and the phone app are opened by `steady::launch`.

#[cfg(all(feature = "preview", not(any(feature = "desktop", feature = "mobile"))))]
mod demo;

fn main() -> anyhow::Result<()> {
    #[cfg(all(feature = "preview", not(any(feature = "desktop", feature = "mobile"))))]
    return demo::run(std::env::args().skip(1).collect());
    #[cfg(any(feature = "desktop", feature = "mobile"))]
    {
        steady::launch::main();
        Ok(())
    }
}
