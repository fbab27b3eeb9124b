//! The states index's map: India's 36 states and union territories as a grid of squares,
//! one each, placed roughly where it lies (no borders or geodata), drawn as SVG when the
//! site is built. Each square links to its state's page and is shaded by how many events
//! are coming there; the list beside it is the text alternative.

use super::atom::xml_escape;

/// Column and row of each code on the grid (west to east, north to south).
const PLACES: &[(&str, u8, u8)] = &[
    ("JK", 2, 0),
    ("LA", 3, 0),
    ("CH", 1, 1),
    ("PB", 2, 1),
    ("HP", 3, 1),
    ("UK", 4, 1),
    ("AR", 9, 1),
    ("RJ", 1, 2),
    ("HR", 2, 2),
    ("DL", 3, 2),
    ("UP", 4, 2),
    ("BR", 5, 2),
    ("SK", 6, 2),
    ("AS", 7, 2),
    ("NL", 8, 2),
    ("GJ", 0, 3),
    ("MP", 2, 3),
    ("CG", 3, 3),
    ("JH", 4, 3),
    ("WB", 5, 3),
    ("ML", 6, 3),
    ("MN", 7, 3),
    ("DH", 0, 4),
    ("MH", 1, 4),
    ("TS", 2, 4),
    ("OD", 4, 4),
    ("TR", 6, 4),
    ("MZ", 7, 4),
    ("GA", 1, 5),
    ("KA", 2, 5),
    ("AP", 3, 5),
    ("LD", 0, 6),
    ("KL", 2, 6),
    ("TN", 3, 6),
    ("PY", 4, 6),
    ("AN", 7, 6),
];

/// Where `code` is on the grid, if it is one of the 36.
pub fn place(code: &str) -> Option<(u8, u8)> {
    PLACES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|&(_, x, y)| (x, y))
}

/// One square: the state's code, its page, the events coming there, and its accessible
/// name (its name and the count in words).
pub struct Tile<'a> {
    pub code: &'a str,
    pub href: &'a str,
    pub upcoming: usize,
    pub label: &'a str,
}

const SIZE: u32 = 46;
const GAP: u32 = 4;

/// The map as an SVG element; `title` names it for assistive technology.
pub fn map(tiles: &[Tile], title: &str) -> String {
    let step = SIZE + GAP;
    let (cols, rows) = PLACES
        .iter()
        .fold((0, 0), |(c, r), &(_, x, y)| (c.max(x), r.max(y)));
    let (w, h) = (
        (u32::from(cols) + 1) * step - GAP,
        (u32::from(rows) + 1) * step - GAP,
    );
    let mut out = format!(
        "<svg class=\"india-map\" viewBox=\"-3 -3 {} {}\" role=\"img\" aria-labelledby=\"s-map-title\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"s-map-title\">{}</title>",
        w + 6,
        h + 6,
        xml_escape(title)
    );
    for t in tiles {
        let Some((x, y)) = place(t.code) else {
            continue;
        };
        let (px, py) = (u32::from(x) * step, u32::from(y) * step);
        // Shades by how many events are coming; nothing coming is the quietest.
        let shade = match t.upcoming {
            0 => "tile-0",
            1 => "tile-1",
            2 | 3 => "tile-2",
            _ => "tile-3",
        };
        out.push_str(&format!(
            "<a href=\"{}\" class=\"tile {shade}\" aria-label=\"{}\"><rect x=\"{px}\" y=\"{py}\" width=\"{SIZE}\" height=\"{SIZE}\" rx=\"4\"/><text x=\"{}\" y=\"{}\" aria-hidden=\"true\">{}</text></a>",
            xml_escape(t.href),
            xml_escape(t.label),
            px + SIZE / 2,
            py + SIZE / 2 + 7,
            xml_escape(t.code),
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_and_ut_has_a_square_of_its_own() {
        let registry = crate::states::StateRegistry::bundled();
        let mut seen = std::collections::BTreeSet::new();
        for r in registry.all() {
            let p = place(&r.code).unwrap_or_else(|| panic!("{} has no square", r.code));
            assert!(seen.insert(p), "{} shares its square", r.code);
        }
        assert_eq!(PLACES.len(), registry.all().len());
    }
}
