//! Starts Steady: the demo (preview, the default), the desktop window or the mobile app, as the
//! enabled feature chooses. See `platform` for each.

fn main() -> anyhow::Result<()> {
    steady::platform::main()
}
