//! Builds that follow an edit: the content files read last time are kept, and when only
//! content changed and the site's shape did not (the same releases, events and pages in
//! the same order, linked the same way), only the pages that show a changed item are
//! rendered again and replaced in the served folder. Anything else is a whole build.
//! Either way the folder ends up as `build` would write it (a test edits a site at
//! random and compares).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use crate::content::LoadCache;
use crate::diagnostics::Diagnostics;
use crate::output::{InPlace, Memory, Output};
use crate::render::Wanted;
use crate::site::Site;
use crate::site::urls::PageKey;
use crate::{
    BuildFailure, BuildOptions, BuildReport, Model, PhaseTiming, Phases, build_with, fail,
    load_model, lock_output, output_of, write_whole,
};

/// What a session keeps between builds.
#[derive(Default)]
pub struct Session {
    cache: LoadCache,
    last: Option<Model>,
}

/// How a build of a session went about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every file rendered, the folder replaced in one step.
    Whole,
    /// Only the pages that show what changed were rendered.
    Part,
}

impl Session {
    /// A session with nothing kept: its first build is a whole one.
    pub fn new() -> Session {
        Session::default()
    }

    /// Builds after the files `changed` (relative to the site folder; empty for the
    /// first build or "everything").
    pub fn build(
        &mut self,
        opts: &BuildOptions,
        changed: &[PathBuf],
    ) -> Result<(BuildReport, Scope), BuildFailure> {
        let only_content = !changed.is_empty() && changed.iter().all(|p| p.starts_with("content"));
        // Settings and the states' data decide how every file is read.
        if changed.is_empty()
            || changed
                .iter()
                .any(|p| p.starts_with("site.yaml") || p.starts_with("data"))
        {
            self.cache.clear();
        }
        for p in changed {
            self.cache.forget(&opts.root.join(p));
        }
        if only_content && self.last.is_some() {
            return self.part(opts);
        }
        let (report, model) = build_with(opts, Some(&self.cache))?;
        self.last = Some(model);
        Ok((report, Scope::Whole))
    }

    fn part(&mut self, opts: &BuildOptions) -> Result<(BuildReport, Scope), BuildFailure> {
        let started = Instant::now();
        let mut problems = Diagnostics::new();
        let mut phases = Phases::start();
        let output = output_of(opts);
        let _lock = lock_output(opts, &output).map_err(|d| {
            problems.push(d);
            fail(problems.clone())
        })?;
        let Some(model) = load_model(opts, &output, Some(&self.cache), &mut problems, &mut phases)
        else {
            return Err(fail(problems));
        };
        let last = self.last.as_ref().map(|m| &m.site);
        let wanted = last.and_then(|old| changed_pages(old, &model.site));
        let (pages, stats, scope) = match wanted {
            Some(wanted) => {
                // Rendered in memory first: a page that fails leaves the folder as it was.
                let memory = Memory::default();
                let report = model
                    .renderer()
                    .render_some(&memory, &wanted)
                    .map_err(|p| {
                        problems.extend(p);
                        fail(problems.clone())
                    })?;
                problems.extend_from(report.warnings.iter().cloned());
                phases.done("render", memory.stats().files, "files");
                let folder = InPlace::new(&output);
                for (rel, bytes) in memory.into_files() {
                    folder.write(&rel, &bytes).map_err(|d| {
                        problems.push(d);
                        fail(problems.clone())
                    })?;
                }
                phases.done("write", folder.stats().files, "files");
                (report.pages, folder.stats(), Scope::Part)
            }
            None => {
                let (pages, stats) =
                    write_whole(opts, &output, &model, &mut problems, &mut phases)?;
                (pages, stats, Scope::Whole)
            }
        };
        self.last = Some(model);
        let timings: Vec<PhaseTiming> = phases.into_timings();
        Ok((
            BuildReport {
                pages,
                files: stats.files,
                unchanged: stats.unchanged,
                bytes: stats.bytes,
                elapsed: started.elapsed(),
                warnings: problems.sorted(),
                output,
                timings,
                waited: None,
            },
            scope,
        ))
    }
}

/// The site's shape: what decides which pages exist, their order, what links to what,
/// and what every page shows of the others (the menu's page titles, "last updated").
/// When it is the same before and after an edit, the pages that show a changed item are
/// all the pages that can differ.
#[derive(PartialEq)]
struct Shape<'a> {
    now: jiff::Timestamp,
    updated: jiff::civil::Date,
    releases: Vec<(&'a str, Vec<&'a String>)>,
    events: Vec<(&'a str, &'a str, bool)>,
    pages: Vec<(&'a str, &'a str, &'a str)>,
    release_events: &'a [Vec<usize>],
    event_releases: &'a [Vec<usize>],
    state_events: &'a BTreeMap<String, Vec<usize>>,
    state_releases: &'a BTreeMap<String, Vec<usize>>,
}

fn shape(site: &Site) -> Shape<'_> {
    Shape {
        now: site.now,
        updated: site.updated,
        releases: site
            .releases
            .iter()
            .map(|r| (r.stem.as_str(), r.texts.keys().collect()))
            .collect(),
        events: site
            .events
            .iter()
            .map(|e| {
                let dated = matches!(e.when, crate::content::When::Dated { .. });
                (e.id.as_str(), e.state.as_str(), dated)
            })
            .collect(),
        pages: site
            .pages
            .iter()
            .map(|p| (p.stem.as_str(), p.lang.as_str(), p.title.as_str()))
            .collect(),
        release_events: &site.release_events,
        event_releases: &site.event_releases,
        state_events: &site.state_events,
        state_releases: &site.state_releases,
    }
}

/// The pages (and feeds and calendars) that show an item that differs between `old` and
/// `new`, or `None` when the shape changed and everything must be rendered.
fn changed_pages(old: &Site, new: &Site) -> Option<Wanted> {
    if shape(old) != shape(new) || old.config.languages != new.config.languages {
        return None;
    }
    let mut keys: Vec<PageKey> = Vec::new();
    let mut wanted = Wanted::default();
    let per_page = new.config.releases_per_page.max(1);
    for (i, (a, b)) in old.releases.iter().zip(&new.releases).enumerate() {
        if a == b {
            continue;
        }
        keys.push(PageKey::Release(b.stem.clone()));
        keys.push(PageKey::Releases(i / per_page + 1));
        if i < crate::render::HOME_RELEASES {
            keys.push(PageKey::Home);
        }
        for (code, list) in &new.state_releases {
            if list.contains(&i) {
                keys.push(PageKey::State(code.clone()));
            }
        }
        for &e in &new.release_events[i] {
            keys.push(PageKey::Event(new.events[e].id.clone()));
        }
        if i < crate::render::FEED_ENTRIES {
            wanted.feeds = true;
        }
    }
    for (i, (a, b)) in old.events.iter().zip(&new.events).enumerate() {
        if a == b {
            continue;
        }
        keys.extend([
            PageKey::Event(b.id.clone()),
            PageKey::Schedule,
            PageKey::Home,
            PageKey::States,
            PageKey::State(b.state.clone()),
        ]);
        for &r in &new.event_releases[i] {
            keys.push(PageKey::Release(new.releases[r].stem.clone()));
        }
        wanted.schedule_calendars = true;
    }
    for (a, b) in old.pages.iter().zip(&new.pages) {
        if a != b {
            keys.push(PageKey::Page(b.stem.clone()));
        }
    }
    for key in keys {
        for lang in &new.config.languages {
            wanted.pages.insert((key.clone(), lang.clone()));
        }
    }
    Some(wanted)
}
