//! Steady's integration tests: one binary, one module per area, fixtures in `common/`.
//! Everything runs against real parts: real SQLite files in temp dirs (and a real PostgreSQL when
//! `STEADY_TEST_POSTGRES` names one), the real preview server on
//! 127.0.0.1 port 0, and real Chromium through chromedriver for the UI.

mod common;

mod browser_audit;
mod browser_care;
mod browser_console;
mod browser_goals;
mod browser_help;
mod browser_history;
mod browser_language;
mod browser_mentor_care;
mod browser_phone;
mod browser_privacy;
mod browser_sharing;
mod browser_today;
mod browser_tools;
mod console;
mod demo;
mod desktop_walk;
mod durability;
mod duty_of_care;
mod fuzz_corpus;
mod hostile_server;
mod hostile_staff;
mod hostile_trust;
mod logs;
mod migrate;
mod my_data;
mod nodes;
mod phone_config;
mod postgres_store;
mod replies;
mod seams;
mod server_cli;
mod store_files;
mod sync;
mod sync_api;
mod sync_directory;
mod sync_kill;
mod sync_properties;
mod sync_tls;
mod theme;
