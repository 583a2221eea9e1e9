//! `content/areas.csv`: the places a site reports on, as a hierarchy
//! (province or city → district → ward or commune).

use std::collections::HashMap;
use std::path::Path;

use crate::config::is_simple_id;
use crate::data::boundaries::{Boundaries, Shape};
use crate::diagnostics::{self, Diagnostic, Id};

/// One area: a province, a district, a ward or commune.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Area {
    /// URL-safe id, e.g. `quan-11`.
    pub id: String,
    /// Display name, e.g. "Quận 11".
    pub name: String,
    /// The id of the area this one belongs to, if any.
    pub parent: Option<String>,
    /// Free-form administrative level, e.g. `tinh`, `quan`, `huyen`, `phuong`, `xa`.
    pub level: String,
    /// Line of `areas.csv` the area was defined on (for diagnostics).
    #[serde(skip)]
    pub line: usize,
}

/// All areas, in file order, with lookups by id and by parent.
#[derive(Clone, Debug, Default)]
pub struct Areas {
    list: Vec<Area>,
    by_id: HashMap<String, usize>,
    parents: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    depths: Vec<usize>,
    /// Outlines from `content/areas.geojson`, when the site has one.
    boundaries: Boundaries,
}

impl Areas {
    /// The areas with the outlines of `boundaries` (see [`Areas::shape`]).
    pub fn with_boundaries(self, boundaries: Boundaries) -> Areas {
        Areas { boundaries, ..self }
    }

    /// The outline of area `index`, when `content/areas.geojson` has one.
    pub fn shape(&self, index: usize) -> Option<&Shape> {
        self.boundaries.get(&self.list[index].id)
    }

    /// Every area in file order.
    pub fn all(&self) -> &[Area] {
        &self.list
    }

    /// The position of an area in [`Areas::all`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The area with this id.
    pub fn get(&self, id: &str) -> Option<&Area> {
        self.index_of(id).map(|i| &self.list[i])
    }

    /// The direct sub-areas of the area at `index`, in file order.
    pub fn children_of(&self, index: usize) -> impl Iterator<Item = &Area> {
        self.children[index].iter().map(|&i| &self.list[i])
    }

    /// The positions of the direct sub-areas of the area at `index`, in file order.
    pub fn child_indices(&self, index: usize) -> &[usize] {
        &self.children[index]
    }

    /// The position of the area the area at `index` belongs to.
    pub fn parent_index(&self, index: usize) -> Option<usize> {
        self.parents[index]
    }

    /// How far below the top the area at `index` is: 0 for a top-level area.
    pub fn depth(&self, index: usize) -> usize {
        self.depths[index]
    }

    /// How many levels of the tree a list can show in full: `items` gives the area of each
    /// thing listed (an area, a target), and the list goes down level by level from the top
    /// while it holds at most `limit` things (the top level always). Returns the deepest level
    /// shown (`usize::MAX` when everything fits) and how many things lie below it.
    pub fn levels_within(
        &self,
        items: impl IntoIterator<Item = usize>,
        limit: usize,
    ) -> (usize, usize) {
        let mut per_depth: Vec<usize> = Vec::new();
        let mut total = 0;
        for area in items {
            let depth = self.depths[area];
            if per_depth.len() <= depth {
                per_depth.resize(depth + 1, 0);
            }
            per_depth[depth] += 1;
            total += 1;
        }
        let mut shown = 0;
        for (depth, count) in per_depth.iter().enumerate() {
            if depth > 0 && shown + count > limit {
                return (depth - 1, total - shown);
            }
            shown += count;
        }
        (usize::MAX, 0)
    }

    /// The top-level areas (without a parent), in file order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.list.len()).filter(|&i| self.parents[i].is_none())
    }

    /// Every area's position, each after all the areas below it (deepest level first, file
    /// order within a level): the order in which values add up.
    pub fn bottom_up(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.list.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(self.depths[i]), i));
        order
    }

    /// The chain from the top-level area down to the area at `index` (inclusive).
    pub fn ancestry(&self, index: usize) -> Vec<&Area> {
        let mut chain = vec![&self.list[index]];
        let mut at = index;
        while let Some(parent) = self.parents[at] {
            chain.push(&self.list[parent]);
            at = parent;
        }
        chain.reverse();
        chain
    }

    /// Ids of every area, for "did you mean" suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|a| a.id.as_str())
    }

    /// Builds the index from areas already checked for unique ids, known parents and no
    /// cycles.
    fn from_list(list: Vec<Area>) -> Areas {
        let by_id: HashMap<String, usize> = list
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let parents: Vec<Option<usize>> = list
            .iter()
            .map(|a| a.parent.as_deref().and_then(|p| by_id.get(p).copied()))
            .collect();
        let mut children = vec![Vec::new(); list.len()];
        for (i, parent) in parents.iter().enumerate() {
            if let Some(p) = parent {
                children[*p].push(i);
            }
        }
        let mut depths = vec![usize::MAX; list.len()];
        for start in 0..list.len() {
            let mut path = Vec::new();
            let mut at = start;
            while depths[at] == usize::MAX {
                path.push(at);
                match parents[at] {
                    Some(p) => at = p,
                    None => break,
                }
            }
            let first = if depths[at] == usize::MAX {
                0
            } else {
                depths[at] + 1
            };
            for (depth, &i) in (first..).zip(path.iter().rev()) {
                depths[i] = depth;
            }
        }
        Areas {
            list,
            by_id,
            parents,
            children,
            depths,
            boundaries: Boundaries::default(),
        }
    }
}

/// Cuts every loop of parents (`a` in `b`, `b` in `a`): the area whose parent closes the loop
/// loses its parent, with an error at its line.
fn break_cycles(list: &mut [Area], shown: &Path, problems: &mut Vec<Diagnostic>) {
    let by_id: HashMap<&str, usize> = list
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut parents: Vec<Option<usize>> = list
        .iter()
        .map(|a| a.parent.as_deref().and_then(|p| by_id.get(p).copied()))
        .collect();
    drop(by_id);
    // 0: not seen, 1: on the path being walked, 2: known to reach the top.
    let mut state = vec![0u8; list.len()];
    for start in 0..list.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    // `i` is on this path: the last area walked closes the loop.
                    let closing = *path.last().unwrap_or(&i);
                    let area = &list[closing];
                    problems.push(
                        Diagnostic::error(shown, area.line, 1, Id::AreaCycle)
                            .arg("id", &area.id)
                            .arg("parent", area.parent.as_deref().unwrap_or(""))
                            .with_hint(Id::AreaCycleHint),
                    );
                    parents[closing] = None;
                    list[closing].parent = None;
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = parents[i];
                }
            }
        }
        for i in path {
            state[i] = 2;
        }
    }
}

/// Reads `areas.csv` (`id,name,parent,level`). A missing file means a site without areas.
pub fn load(path: &Path, shown: &Path, problems: &mut Vec<Diagnostic>) -> Areas {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Areas::default(),
        Err(e) => {
            problems.push(Diagnostic::error(shown, 0, 0, Id::AreasUnreadable).io_reason(&e));
            return Areas::default();
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        problems.push(Diagnostic::error(shown, 1, 1, Id::AreasNotUtf8).with_hint(Id::NotUtf8Hint));
        return Areas::default();
    };
    parse(text, shown, problems)
}

/// Parses the text of `areas.csv`, pushing a diagnostic for each bad row.
pub fn parse(text: &str, shown: &Path, problems: &mut Vec<Diagnostic>) -> Areas {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_lowercase).collect(),
        Err(e) => {
            problems.push(Diagnostic::error(shown, 1, 1, Id::BadHeader).arg("detail", e));
            return Areas::default();
        }
    };
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(id_col), Some(name_col)) = (column("id"), column("name")) else {
        problems.push(
            Diagnostic::error(shown, 1, 1, Id::AreasNoColumns).with_hint(Id::AreasNoColumnsHint),
        );
        return Areas::default();
    };
    let (parent_col, level_col) = (column("parent"), column("level"));
    let mut list: Vec<Area> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(Diagnostic::error(shown, line, 1, Id::CsvBadRow).arg("detail", e));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_string();
        let id = cell(Some(id_col));
        let col_of = |i: usize| {
            1 + record
                .iter()
                .take(i)
                .map(|c| c.chars().count() + 1)
                .sum::<usize>()
        };
        if !is_simple_id(&id) {
            problems.push(
                Diagnostic::error(shown, line, col_of(id_col), Id::AreaIdNotSimple)
                    .arg("id", &id)
                    .with_hint(Id::AreaIdNotSimpleHint),
            );
            continue;
        }
        if let Some(first) = seen.get(&id) {
            problems.push(
                Diagnostic::error(shown, line, col_of(id_col), Id::AreaTwice)
                    .arg("id", &id)
                    .arg("line", first)
                    .with_hint(Id::AreaTwiceHint),
            );
            continue;
        }
        seen.insert(id.clone(), line);
        let name = crate::text::normalize(cell(Some(name_col)));
        let parent = Some(cell(parent_col)).filter(|p| !p.is_empty());
        list.push(Area {
            id,
            name,
            parent,
            level: crate::text::normalize(cell(level_col)),
            line,
        });
    }
    let known: Vec<String> = list.iter().map(|a| a.id.clone()).collect();
    for area in &mut list {
        let Some(parent) = area.parent.as_deref() else {
            continue;
        };
        if !seen.contains_key(parent) || parent == area.id {
            let problem = Diagnostic::error(shown, area.line, 1, Id::AreaUnknownParent)
                .arg("id", &area.id)
                .arg("parent", parent);
            let problem = match diagnostics::did_you_mean(parent, known.iter().map(String::as_str))
            {
                Some(best) => problem.with_hint(Id::DidYouMeanHint).arg("best", best),
                None => problem.with_hint(Id::AddParentHint),
            };
            problems.push(problem);
            area.parent = None;
        }
    }
    break_cycles(&mut list, shown, problems);
    Areas::from_list(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::language::Language;

    #[test]
    fn builds_the_hierarchy() {
        let mut problems = Vec::new();
        let areas = parse(
            "\u{feff}id,name,parent,level\r\ntp-hcm,Thành phố Hồ Chí Minh,,thanh-pho\r\nquan-11,Quận 11,tp-hcm,quan\r\nphuong-1,Phường 1,quan-11,phuong\r\n",
            Path::new("content/areas.csv"),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(areas.all().len(), 3);
        let q11 = areas.index_of("quan-11").unwrap();
        assert_eq!(
            areas
                .children_of(q11)
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>(),
            ["phuong-1"]
        );
        let chain: Vec<&str> = areas
            .ancestry(areas.index_of("phuong-1").unwrap())
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(chain, ["tp-hcm", "quan-11", "phuong-1"]);
        assert_eq!(areas.depth(areas.index_of("phuong-1").unwrap()), 2);
        assert_eq!(
            areas.bottom_up(),
            [2, 1, 0],
            "the ward first, the city last"
        );
        assert_eq!(areas.roots().collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn a_loop_of_parents_is_an_error_at_the_line_that_closes_it() {
        let mut problems = Vec::new();
        let areas = parse(
            "id,name,parent,level\na,A,c,x\nb,B,a,x\nc,C,b,x\nd,D,,x\n",
            Path::new("content/areas.csv"),
            &mut problems,
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 3, "b's parent a leads back to b");
        assert!(
            problems[0].text(Language::En).contains("`b`"),
            "{}",
            problems[0].text(Language::En)
        );
        assert_eq!(areas.parent_index(areas.index_of("b").unwrap()), None);
        assert_eq!(areas.depth(areas.index_of("a").unwrap()), 2);
        let chain: Vec<&str> = areas
            .ancestry(areas.index_of("a").unwrap())
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(chain, ["b", "c", "a"]);
    }

    #[test]
    fn reports_duplicates_and_unknown_parents_with_lines() {
        let mut problems = Vec::new();
        parse(
            "id,name,parent,level\nquan-11,Quận 11,,quan\nquan-11,Quận 11,,quan\nphuong-1,Phường 1,quan-12,phuong\n",
            Path::new("content/areas.csv"),
            &mut problems,
        );
        assert_eq!(problems.len(), 2);
        assert_eq!((problems[0].line, problems[0].col), (3, 1));
        assert!(problems[0].text(Language::En).contains("line 2"));
        assert_eq!(problems[1].line, 4);
        assert_eq!(
            problems[1].hint_text(Language::En).as_deref(),
            Some("did you mean `quan-11`?")
        );
    }
}
