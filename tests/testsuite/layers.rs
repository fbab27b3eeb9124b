//! The shape of the code: modules in the order data moves, each importing only from
//! layers below it, and no source file over 600 lines outside its tests.

use std::path::Path;

/// The layers, bottom first; a module may use modules of its own layer or below.
const LAYERS: &[(&str, usize)] = &[
    ("diagnostics", 0),
    ("text", 1),
    ("dates", 2),
    ("config", 2),
    ("states", 2),
    ("content", 3),
    ("i18n", 4),
    ("site", 5),
    ("markdown", 6),
    // Words of pages, as the render phase gives them, into index files.
    ("search", 6),
    ("render", 7),
    ("output", 8),
    ("scaffold", 9),
    // The audit report: built pages read again, against checkpoints.
    ("report", 9),
    ("serve", 10),
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every `.rs` file under `src/`, with the top module it belongs to.
fn sources() -> Vec<(String, String, String)> {
    let src = crate::support::repo().join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let module = rel
                .split('/')
                .next()
                .unwrap()
                .trim_end_matches(".rs")
                .to_string();
            let text = std::fs::read_to_string(e.path()).unwrap();
            (rel, module, text)
        })
        .collect()
}

/// The modules a text names as `crate::x` (outside comments).
fn uses(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `$crate::` in a macro names the crate the same way.
            found.push(name);
            rest = after;
        }
    }
    found
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let mut wrong = Vec::new();
    for (file, module, text) in sources() {
        let Some(mine) = layer(&module) else {
            assert!(
                ["lib", "main"].contains(&module.as_str()),
                "{file}: the module `{module}` is in no layer; add it to LAYERS"
            );
            continue;
        };
        for used in uses(&text) {
            match layer(&used) {
                Some(theirs) if theirs > mine => {
                    wrong.push(format!("{file} ({module}) uses {used}"))
                }
                _ => {}
            }
        }
        if module == "markdown" {
            for used in uses(&text) {
                assert!(
                    ["text", "diagnostics", "markdown"].contains(&used.as_str()),
                    "{file}: markdown uses {used}; it may use only the text layer"
                );
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports up the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn lib_lists_the_modules_in_the_order_data_moves() {
    let lib = std::fs::read_to_string(crate::support::repo().join("src/lib.rs")).unwrap();
    let listed: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    let ranks: Vec<usize> = listed.iter().map(|m| layer(m).unwrap_or(99)).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted, "lib.rs lists {listed:?}");
}

#[test]
fn no_source_file_is_over_600_lines_outside_its_tests() {
    for (file, _, text) in sources() {
        if file.ends_with("tests.rs") {
            continue;
        }
        let code = text.split("#[cfg(test)]\nmod tests {").next().unwrap_or("");
        let lines = code.lines().count();
        assert!(lines <= 600, "{file} has {lines} lines outside its tests");
    }
    assert!(Path::new(&crate::support::repo().join("src/text/fast.rs")).is_file());
}

#[test]
fn unsafe_code_is_in_one_file_of_the_text_layer_and_the_system_calls() {
    for (file, _, text) in sources() {
        // Tests may call the unsafe scans to compare them.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let has_unsafe = code
            .lines()
            .any(|l| l.contains("unsafe {") || l.contains("unsafe fn"));
        if has_unsafe {
            assert!(
                ["text/fast.rs", "output/staging.rs", "main.rs"].contains(&file.as_str()),
                "{file} has unsafe code; the text layer's belongs in text/fast.rs"
            );
        }
    }
}
