//! What every page goes through: its own values over the context all pages
//! share, a look at whether the sink still has it as it would be now (for
//! `serve`, see `keys`), the template, and the sink.

use tera::Context;

use super::Pages;
use crate::error::{Diagnostic, Location};
use crate::render::keys;
use crate::render::sink::file_for;

impl Pages<'_> {
    /// Renders `template` for the page at site path `path` with `fill` adding
    /// the page's own values, and writes it.
    pub fn emit(
        &self,
        path: &str,
        template: &str,
        title: &str,
        description: &str,
        fill: impl FnOnce(&mut Context),
    ) {
        self.emit_keyed(path, template, title, description, None, fill)
    }

    /// [`Pages::emit`], with `key` (when given) standing for the values that
    /// `fill` adds, so that an unchanged page costs no context at all.
    pub(super) fn emit_keyed(
        &self,
        path: &str,
        template: &str,
        title: &str,
        description: &str,
        key: Option<u64>,
        fill: impl FnOnce(&mut Context),
    ) {
        let file = file_for(path);
        if let Some(key) = key.filter(|_| self.sink.remembers()) {
            let key = keys::page_key(self.base_key, template, path, title, description, key);
            if self.sink.unchanged(&file, key) {
                return;
            }
            let own = self.page_context(path, title, description, fill);
            return self.render_context(&file, template, own);
        }
        let mut own = self.page_context(path, title, description, fill);
        // `serve` keeps the pages of its last build: a page whose template
        // and values are the same need not be rendered again.
        if self.sink.remembers() {
            let (key, back) = keys::context_key(template, self.base_key, own);
            own = back;
            if self.sink.unchanged(&file, key) {
                return;
            }
        }
        self.render_context(&file, template, own);
    }

    /// A page's own values: its title, description and URLs, and what
    /// `fill` adds.
    fn page_context(
        &self,
        path: &str,
        title: &str,
        description: &str,
        fill: impl FnOnce(&mut Context),
    ) -> Context {
        let mut own = Context::new();
        own.insert("page_title", title);
        own.insert("page_description", description);
        own.insert("page_url", &self.views.url(path));
        own.insert("permalink", &self.site.config.permalink(path));
        fill(&mut own);
        own
    }

    fn render_context(&self, file: &str, template: &str, own: Context) {
        let mut cx = self.base.clone();
        cx.extend(own);
        // Rendered straight into bytes: `Tera::render` would check the whole
        // page is UTF-8 again to make a `String` (6% of a build's CPU).
        let mut html = Vec::with_capacity(16 * 1024);
        match self.tera.render_to(template, &cx, &mut html) {
            Ok(()) => self.write(file, &html),
            Err(e) => {
                let first = self
                    .failed_templates
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(template.to_string());
                if first {
                    self.diagnostics.push(crate::render::theme::render_error(
                        self.root,
                        &self.site.config.theme,
                        &e,
                    ));
                }
            }
        }
    }

    pub(super) fn remembers(&self) -> bool {
        self.sink.remembers()
    }

    pub fn write(&self, file: &str, bytes: &[u8]) {
        // The error's own words, without the "error:" its Display adds: the
        // diagnostic says that already.
        let message = match self.sink.write(file, bytes) {
            Ok(()) => return,
            Err(crate::error::Error::Content(problems)) => {
                return self.diagnostics.extend(problems);
            }
            Err(crate::error::Error::Usage(message)) => message,
            Err(crate::error::Error::Io(_, err)) => {
                crate::t!("write-failed", reason = err.to_string())
            }
        };
        self.diagnostics
            .push(Diagnostic::error(Location::file(file), message));
    }
}
