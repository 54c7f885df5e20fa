//! Never overwrite an input: `-o` and `--rejects` must not resolve to a file the run reads (by
//! real path, or the same file through a hard link), nor to each other, and a stdout redirected
//! onto an input (`label f.csv >> f.csv`) is refused too, as is a stderr redirected onto one
//! (`label f.csv 2>> f.csv`). Checked from the command line alone, before anything is read or
//! written: a usage error (exit 2).

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One file the run reads or writes, named as the user named it.
pub struct Named<'a> {
    /// How the message names it: `-o`, `--rejects`, `the input`, `--cues`, ...
    pub role: &'a str,
    pub path: &'a Path,
}

/// The files among `paths` (`-` is stdin, not a file), each as `the input`.
pub fn inputs(paths: &[PathBuf]) -> Vec<Named<'_>> {
    paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(|path| Named {
            role: "the input",
            path,
        })
        .collect()
}

/// What identifies a file: the device and inode of a regular file (hard links share them), or
/// its resolved path when it does not exist yet.
#[derive(Debug, PartialEq, Eq)]
pub enum Identity {
    Inode(u64, u64),
    Path(PathBuf),
    /// A device, a pipe, a terminal: written in place, never replaced, so never a conflict.
    NotAFile,
}

/// Refuses outputs that are inputs or that are each other. `stdout_is_output` is true when the
/// output goes to stdout (no `-o`): stdout is then compared too, by what it is open on.
/// `stdin_is_input`: stdin is read (`-`), and is compared by what it is open on.
pub fn check(
    inputs: &[Named<'_>],
    stdin_is_input: bool,
    outputs: &[Named<'_>],
    stdout_is_output: bool,
) -> Result<()> {
    let stdin = Named {
        role: "the input",
        path: Path::new("<stdin>"),
    };
    let mut inputs: Vec<(&Named, Identity)> =
        inputs.iter().map(|n| (n, identity(n.path))).collect();
    if let Some(id) = stdin_is_input.then(|| fd_identity(0)).flatten() {
        inputs.push((&stdin, id));
    }
    let mut seen: Vec<(String, Identity)> = Vec::new();
    for output in outputs {
        let id = identity(output.path);
        if id == Identity::NotAFile {
            continue;
        }
        let name = format!("{} {}", output.role, output.path.display());
        if let Some((input, _)) = inputs.iter().find(|(_, i)| *i == id) {
            return Err(Error::Usage(format!(
                "{name} is {} {} (the same file): writing it would destroy what the run reads; \
                 write to another file",
                input.role,
                input.path.display()
            )));
        }
        if let Some((other, _)) = seen.iter().find(|(_, i)| *i == id) {
            return Err(Error::Usage(format!(
                "{name} and {other} are the same file: one would replace the other; give them \
                 different names"
            )));
        }
        seen.push((name, id));
    }
    if stdout_is_output {
        if let Some(stdout) = fd_identity(1) {
            if let Some((input, _)) = inputs.iter().find(|(_, i)| *i == stdout) {
                return Err(Error::Usage(format!(
                    "stdout is redirected to {} {}: the run would read its own output; \
                     redirect to another file or use -o",
                    input.role,
                    input.path.display()
                )));
            }
            if let Some((other, _)) = seen.iter().find(|(_, i)| *i == stdout) {
                return Err(Error::Usage(format!(
                    "stdout is redirected to {other}: give the two outputs different files"
                )));
            }
        }
    }
    // Messages appended to an input (`label f.csv 2>> f.csv`) are read back as rows, which
    // warn again: a loop that fills the disk. Refused whatever the output; this message goes
    // to that stderr too (there is nowhere else), but nothing more does.
    if let Some(stderr) = fd_identity(2)
        && let Some((input, _)) = inputs.iter().find(|(_, i)| *i == stderr)
    {
        return Err(Error::Usage(format!(
            "stderr is redirected to {} {}: the run's messages would be appended to what it \
             reads, a loop that fills the disk; redirect stderr to another file",
            input.role,
            input.path.display()
        )));
    }
    Ok(())
}

pub fn identity(path: &Path) -> Identity {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => inode(&meta).unwrap_or_else(|| Identity::Path(resolve(path))),
        Ok(_) => Identity::NotAFile,
        Err(_) => Identity::Path(resolve(path)),
    }
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    Some(Identity::Inode(meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> Option<Identity> {
    None
}

/// The real path of a file that may not exist yet: its link target followed (a dangling link
/// names the file it would create), its folder made canonical (or the nearest one that exists,
/// with the rest of the path after it).
pub fn resolve(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // Follow links by hand: `canonicalize` fails on a dangling one. 40 hops, as the kernel.
    for _ in 0..40 {
        match fs::read_link(&path) {
            Ok(target) => {
                path = match path.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                }
            }
            Err(_) => break,
        }
    }
    if let Ok(real) = fs::canonicalize(&path) {
        return real;
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (fs::canonicalize(folder), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        // A folder that does not exist yet either (`--state st -o st/out.csv`, st to be
        // made): resolved the same way, from the nearest folder that does.
        (Err(_), Some(name)) => resolve(folder).join(name),
        _ => path,
    }
}

/// What stdin (0), stdout (1) or stderr (2) is open on, when it is a regular file.
#[cfg(unix)]
fn fd_identity(fd: i32) -> Option<Identity> {
    use std::os::fd::AsFd;
    let fd = match fd {
        0 => std::io::stdin().as_fd().try_clone_to_owned().ok()?,
        1 => std::io::stdout().as_fd().try_clone_to_owned().ok()?,
        _ => std::io::stderr().as_fd().try_clone_to_owned().ok()?,
    };
    let meta = fs::File::from(fd).metadata().ok()?;
    if meta.is_file() { inode(&meta) } else { None }
}

#[cfg(not(unix))]
fn fd_identity(_: i32) -> Option<Identity> {
    None
}
