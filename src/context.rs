//! What every command and view needs: the indexed data, the local database and place, how
//! to print, and today's date.

use crate::data::LocalSource;
use crate::index::Index;
use crate::render::{self, Doc, Format, Style};
use serde::Serialize;
use std::io::Write;

/// What every command needs: the indexed data and how to print.
pub struct Context<'d> {
    pub index: Index<'d>,
    /// The local database and the place the answer is for.
    pub local: LocalSource,
    pub style: Style,
    /// Years after which a dated source is called stale.
    pub stale_after: u16,
    pub today: crate::clock::Date,
}

impl Context<'_> {
    /// The language of the answer's own words: `--lang`, else the environment's (`LANG`).
    /// A question's own language may override it (who-handles decides that).
    pub fn lang(&self) -> crate::matching::reading::Lang {
        self.style.lang_flag.unwrap_or(self.style.lang_env)
    }

    /// The reader of this answer: who is asking, and today's date for staleness.
    pub fn viewer(&self, asker: crate::data::Asker) -> crate::viewer::Viewer {
        crate::viewer::Viewer {
            asker,
            lang: self.lang(),
            today: self.today,
            stale_after: self.stale_after,
        }
    }

    /// Prints either the JSON document or the text document, whichever the style asks for.
    pub fn emit<T: Serialize>(
        &self,
        out: &mut dyn Write,
        json: impl FnOnce() -> T,
        doc: impl FnOnce() -> Doc,
    ) -> anyhow::Result<()> {
        // The document is left for the system to take back at exit, as the rest of a run's
        // data is (`crate::run`): dropping its thousands of strings one by one is work done
        // for nobody, a sixtieth of a whole JSON answer.
        match self.style.format {
            Format::Json if self.style.json_pretty => {
                render::json::write(&*std::mem::ManuallyDrop::new(json()), out)?;
            }
            Format::Json => {
                render::json::write_compact(&*std::mem::ManuallyDrop::new(json()), out)?;
            }
            Format::Table | Format::Plain | Format::Markdown | Format::Html => {
                render::write_doc(&doc(), self.style, out)?;
            }
        }
        Ok(())
    }
}
