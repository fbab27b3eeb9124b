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
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{InPlace, Memory, Output, OutputStats};
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
            if let Some(done) = self.patch(opts, changed) {
                return done;
            }
            return self.part(opts);
        }
        let (report, model) = build_with(opts, Some(&self.cache))?;
        self.last = Some(model);
        Ok((report, Scope::Whole))
    }

    /// The quickest rebuild (see `patch`): `None` when it does not apply.
    fn patch(
        &mut self,
        opts: &BuildOptions,
        changed: &[PathBuf],
    ) -> Option<Result<(BuildReport, Scope), BuildFailure>> {
        let started = Instant::now();
        let mut phases = Phases::start();
        let model = self.last.as_mut()?;
        let now = crate::dates::parse_now(opts.now.as_deref()?, &model.site.config.time_zone);
        if now.ok()? != model.site.now {
            return None;
        }
        let (items, warnings) =
            super::patch::read_changed(&model.site, &opts.root, opts.drafts, changed)?;
        phases.done("load", items.len(), "content files");
        let mut problems = Diagnostics::new();
        problems.extend_from(warnings);
        let output = output_of(opts);
        let lock = lock_output(opts, &output);
        let result = lock.map_err(|d| vec![d]).and_then(|_lock| {
            let (releases, events, pages) = super::patch::apply(&mut model.site, items);
            let notes = crate::render::bodies::update_bodies(
                &mut model.bodies,
                &model.site,
                &model.md,
                &model.links,
                &releases,
                &events,
                &pages,
            );
            if notes.iter().any(|d| d.is_error()) {
                return Err(notes);
            }
            problems.extend_from(notes);
            model
                .prepared
                .update(&model.site, &model.i18n, &releases, &events);
            phases.done(
                "markdown",
                releases.len() + events.len() + pages.len(),
                "texts",
            );
            let wanted = pages_showing(&model.site, &releases, &events, &pages);
            write_part(model, &output, &wanted, &mut phases)
        });
        match result {
            Ok((pages, stats, render_warnings)) => {
                problems.extend_from(render_warnings);
                let timings = phases.into_timings();
                let report =
                    BuildReport::new(pages, &stats, started, problems, output, timings, None);
                Some(Ok((report, Scope::Part)))
            }
            Err(errors) => {
                // The kept site now holds what failed: the next build is a whole one.
                self.last = None;
                problems.extend_from(errors);
                Some(Err(fail(problems)))
            }
        }
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
        let Some(mut model) =
            load_model(opts, &output, Some(&self.cache), &mut problems, &mut phases)
        else {
            return Err(fail(problems));
        };
        let last = self.last.as_ref().map(|m| &m.site);
        let wanted = last.and_then(|old| changed_pages(old, &model.site));
        if wanted.is_some()
            && let Some(last) = self.last.as_mut()
        {
            // The pages not rendered again keep the ids and words they were rendered
            // with.
            model.anchors = std::mem::take(&mut last.anchors);
            model.search = std::mem::take(&mut last.search);
        }
        let (pages, stats, scope) = match wanted {
            Some(wanted) => {
                match write_part(&mut model, &output, &wanted, &mut phases) {
                    Ok((pages, stats, warnings)) => {
                        problems.extend_from(warnings);
                        (pages, stats, Scope::Part)
                    }
                    Err(errors) => {
                        // The served pages are as they were: so are their ids.
                        if let Some(last) = self.last.as_mut() {
                            last.anchors = std::mem::take(&mut model.anchors);
                            last.search = std::mem::take(&mut model.search);
                            last.search.forget_written();
                        }
                        problems.extend_from(errors);
                        return Err(fail(problems));
                    }
                }
            }
            None => {
                let (pages, stats) =
                    write_whole(opts, &output, &mut model, &mut problems, &mut phases)?;
                (pages, stats, Scope::Whole)
            }
        };
        self.last = Some(model);
        let timings: Vec<PhaseTiming> = phases.into_timings();
        let report = BuildReport::new(pages, &stats, started, problems, output, timings, None);
        Ok((report, scope))
    }
}

/// Pages per language, what was written, and the warnings of rendering.
type Written = (BTreeMap<String, usize>, OutputStats, Vec<Diagnostic>);

/// Renders the outputs `wanted` names in memory and, when every one succeeded, replaces
/// them in the served folder (a page that fails leaves the folder as it was).
fn write_part(
    model: &mut Model,
    output: &std::path::Path,
    wanted: &Wanted,
    phases: &mut Phases,
) -> Result<Written, Vec<Diagnostic>> {
    let memory = Memory::default();
    let report = model
        .renderer()
        .render_some(&memory, wanted)
        .map_err(|p| p.sorted())?;
    // Links to parts, with the pages rendered now over those kept from before.
    let broken = model.anchors.check_with(&report.anchors);
    if !broken.is_empty() {
        return Err(broken);
    }
    model.anchors.merge(report.anchors);
    // The search index, made again with the pages rendered now.
    model.search.merge(report.search);
    let gone = model
        .write_kept_search(&memory, true)
        .map_err(|d| vec![d])?;
    phases.done("render", memory.stats().files, "files");
    let folder = InPlace::new(output);
    for (rel, bytes) in memory.into_files() {
        folder.write(&rel, &bytes).map_err(|d| vec![d])?;
    }
    for rel in gone {
        folder.remove(&rel).map_err(|d| vec![d])?;
    }
    phases.done("write", folder.stats().files, "files");
    Ok((report.pages, folder.stats(), report.warnings))
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
    fn differing<T: PartialEq>(a: &[T], b: &[T]) -> Vec<usize> {
        (0..b.len()).filter(|&i| a[i] != b[i]).collect()
    }
    Some(pages_showing(
        new,
        &differing(&old.releases, &new.releases),
        &differing(&old.events, &new.events),
        &differing(&old.pages, &new.pages),
    ))
}

/// The pages (and feeds and calendars) that show the releases, events and free pages at
/// the given indexes.
fn pages_showing(site: &Site, releases: &[usize], events: &[usize], pages: &[usize]) -> Wanted {
    let mut keys: Vec<PageKey> = Vec::new();
    let mut wanted = Wanted::default();
    let per_page = site.config.releases_per_page.max(1);
    for &i in releases {
        keys.push(PageKey::Release(site.releases[i].stem.clone()));
        keys.push(PageKey::Releases(i / per_page + 1));
        if i < crate::render::HOME_RELEASES {
            keys.push(PageKey::Home);
        }
        for (code, list) in &site.state_releases {
            if list.contains(&i) {
                keys.push(PageKey::State(code.clone()));
            }
        }
        // Its events' calendars are stamped with its date: theirs, their state's and
        // the schedule's.
        for &e in &site.release_events[i] {
            keys.push(PageKey::Event(site.events[e].id.clone()));
            keys.push(PageKey::State(site.events[e].state.clone()));
            wanted.schedule_calendars = true;
        }
        if i < crate::render::FEED_ENTRIES {
            wanted.feeds = true;
        }
    }
    for &i in events {
        let e = &site.events[i];
        keys.extend([
            PageKey::Event(e.id.clone()),
            PageKey::Schedule,
            PageKey::Home,
            PageKey::States,
            PageKey::State(e.state.clone()),
        ]);
        for &r in &site.event_releases[i] {
            keys.push(PageKey::Release(site.releases[r].stem.clone()));
        }
        wanted.schedule_calendars = true;
    }
    for &i in pages {
        keys.push(PageKey::Page(site.pages[i].stem.clone()));
    }
    for key in keys {
        for lang in &site.config.languages {
            wanted.pages.insert((key.clone(), lang.clone()));
        }
    }
    wanted
}
