//! The names an author gives files and folders, which become web addresses and folder
//! names: what they may be.

/// Checks that a file stem makes a safe, readable URL segment: lowercase ASCII letters,
/// digits and hyphens, and not a name Windows and FAT file systems (USB sticks) cannot
/// hold as a folder (`con`, `nul`, `aux`, `com1` …). This is also what keeps output
/// paths inside the output folder.
pub fn check_slug(stem: &str) -> Result<(), String> {
    let ok = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !stem.starts_with('-')
        && !stem.ends_with('-');
    if !ok {
        return Err(format!(
            "the name `{stem}` is not usable in a web address: use lowercase English letters, digits and hyphens (e.g. `kreta-samvad-bhopal`)"
        ));
    }
    if is_reserved_device_name(stem) {
        return Err(format!(
            "the name `{stem}` cannot be a folder on Windows or on a USB stick (it is a device name there), so the site could not be copied to one"
        ));
    }
    Ok(())
}

/// Names Windows reserves for devices, in any case and with any extension.
pub fn is_reserved_device_name(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    matches!(base.as_str(), "con" | "prn" | "aux" | "nul")
        || ((base.starts_with("com") || base.starts_with("lpt"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit())
}

/// A folder name an author writes in `site.yaml` (the theme): letters, digits, `-` and
/// `_`, so it names a folder under `themes/` and nothing outside it.
pub fn check_folder_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !is_reserved_device_name(name);
    if ok {
        Ok(())
    } else {
        Err(format!("`{name}` is not a plain folder name"))
    }
}

/// A URL path's `%xx` escapes decoded; `None` for a bad escape or bytes that are not
/// UTF-8.
pub fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a file or folder of the theme's static folder is published: not hidden, not
/// an editor's backup, swap or lock file, not a system's folder thumbnail file.
pub fn publishable(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !(name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || lower.ends_with(".swp")
        || lower.ends_with(".swo")
        || lower.ends_with(".bak")
        || lower.ends_with(".tmp")
        || lower == "thumbs.db"
        || lower == "desktop.ini")
}
