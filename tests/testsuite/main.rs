//! Integration tests of samvad: each module builds sites in temporary folders through the
//! library API and checks what a reader (or a feed reader, or a calendar app) gets.

mod attend;
mod browser;
mod catalogue;
mod cdp;
mod cli;
mod crash;
mod errors;
mod example_site;
mod feeds;
mod fuzz_regressions;
mod generated;
#[path = "../../bench/gen.rs"]
mod generator;
mod i18n;
mod incremental;
mod input;
mod layers;
mod links;
mod live_reload;
mod official;
mod output;
mod properties;
mod scaffold;
mod schedule;
mod search;
mod security;
mod serve;
mod share;
mod support;
mod today;
