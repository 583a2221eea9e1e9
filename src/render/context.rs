//! The context of one page, and the fingerprint of everything in it.
//!
//! A page's output is a function of its template, the values every template sees (site
//! settings, UI strings, the templates themselves: the *globals*) and its own context. Every
//! value inserted into a [`PageContext`] is therefore also fed to a hasher; together with the
//! globals' fingerprint this gives a fingerprint that changes whenever the page could.
//! Charts are in the context as tokens that carry their own fingerprints (see
//! [`super::charts`]).

use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostics::Diagnostic;
use crate::fingerprint::{Fingerprint, Hasher};
use crate::model::Site;
use crate::render::templates::Templates;
use crate::render::views::Card;

/// The template of what a card in a card list shows under its title.
pub const CARD_TEMPLATE: &str = "card.html";

/// Article cards, converted to template values once, when a rendered page first needs them,
/// and shared by every list (Tera values are reference-counted), with the fingerprint of each
/// (computed at once: it decides which pages must be rendered at all). A card in a card list
/// also carries `details`, rendered once from `card.html`.
pub struct Cards<'a> {
    cards: Vec<Card<'a>>,
    values: Vec<OnceLock<Value>>,
    /// Per card, its value with `details`, once a card list first needs it.
    detailed: Vec<OnceLock<Result<Value, Diagnostic>>>,
    fingerprints: Vec<Fingerprint>,
    templates: &'a Templates,
}

impl<'a> Cards<'a> {
    /// The cards of every article of the site and their fingerprints, in parallel.
    pub fn new(site: &'a Site, templates: &'a Templates) -> Cards<'a> {
        use rayon::prelude::*;
        let (cards, fingerprints): (Vec<Card<'a>>, Vec<Fingerprint>) = (0..site.articles.len())
            .into_par_iter()
            .map(|i| {
                let card = site.card(i);
                let mut h = Hasher::new();
                // A card is plain strings: it always serialises.
                h.serialize(&card);
                (card, h.finish())
            })
            .unzip();
        Cards {
            values: cards.iter().map(|_| OnceLock::new()).collect(),
            detailed: cards.iter().map(|_| OnceLock::new()).collect(),
            cards,
            fingerprints,
            templates,
        }
    }

    /// The card of article `i` as a template value.
    fn value(&self, i: usize) -> Value {
        self.values[i]
            .get_or_init(|| Value::from_serializable(&self.cards[i]))
            .clone()
    }

    /// The card of article `i` with its `details`.
    fn detailed(&self, i: usize) -> Result<Value, Diagnostic> {
        self.detailed[i]
            .get_or_init(|| {
                let plain = self.value(i);
                let mut context = tera::Context::new();
                context.insert_value("a", plain.clone());
                let details = self.templates.render_fragment(CARD_TEMPLATE, &context)?;
                let mut card = plain.into_map().unwrap_or_default();
                card.insert("details".into(), details);
                Ok(Value::from(card))
            })
            .clone()
    }

    /// The cards of the articles at `indexes`, as one template value.
    pub fn list(&self, indexes: &[usize]) -> Value {
        Value::from(
            indexes
                .iter()
                .map(|&i| self.value(i))
                .collect::<Vec<Value>>(),
        )
    }

    /// The cards of the articles at `indexes` with their `details`, for a card list.
    pub fn card_list(&self, indexes: &[usize]) -> Result<Value, Diagnostic> {
        let cards: Result<Vec<Value>, Diagnostic> =
            indexes.iter().map(|&i| self.detailed(i)).collect();
        Ok(Value::from(cards?))
    }
}

/// A page's template context being built, with the fingerprint of what went in.
pub struct PageContext {
    /// The template context; `None` when only the fingerprint is wanted.
    context: Option<Context>,
    hasher: Hasher,
    /// False when a value could not be hashed: the page is then always rendered.
    hashed: bool,
}

impl PageContext {
    /// An empty context; with `fill` false only the fingerprint is computed (to see whether
    /// the page must be rendered at all), which costs far less than making template values.
    pub fn new(fill: bool) -> PageContext {
        PageContext {
            context: fill.then(Context::new),
            hasher: Hasher::new(),
            hashed: true,
        }
    }

    /// Inserts any serialisable value.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.hashed &= self.hasher.str(key).serialize(value);
        if let Some(context) = &mut self.context {
            context.insert(key, value);
        }
    }

    /// Inserts a view whose large HTML body is known by its fingerprint: the view is hashed as
    /// given (body empty) together with `body`, and when the context is filled, `fill` puts
    /// the body in before the template gets the view.
    pub fn insert_view<T: Serialize>(
        &mut self,
        key: &'static str,
        mut view: T,
        body: Fingerprint,
        fill: impl FnOnce(&mut T),
    ) {
        self.hashed &= self.hasher.str(key).serialize(&view);
        self.hasher.fingerprint(body);
        if let Some(context) = &mut self.context {
            fill(&mut view);
            context.insert(key, &view);
        }
    }

    /// Inserts a value made only from values already hashed into this context and from the
    /// globals: it is not hashed again, and `make` runs only when the context is filled.
    pub fn insert_derived<T: Serialize>(&mut self, key: &'static str, make: impl FnOnce() -> T) {
        if let Some(context) = &mut self.context {
            context.insert(key, &make());
        }
    }

    /// Inserts a value that `make` makes from inputs that `feed` hashes (besides the globals):
    /// for data tables, whose raw numbers cost far less to hash than to format. Nothing is
    /// made unless the context is filled.
    pub fn insert_lazy<T: Serialize>(
        &mut self,
        key: &'static str,
        feed: impl FnOnce(&mut Hasher),
        make: impl FnOnce() -> T,
    ) {
        feed(self.hasher.str(key));
        if let Some(context) = &mut self.context {
            context.insert(key, &make());
        }
    }

    /// True when the template context is being filled (not only the fingerprint computed).
    pub fn fills(&self) -> bool {
        self.context.is_some()
    }

    /// Inserts a template value as it is.
    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        self.hashed &= self.hasher.str(key).serialize(&value);
        if let Some(context) = &mut self.context {
            context.insert_value(key, value);
        }
    }

    /// Inserts a template value many pages share, made once (cheap to clone), known by the
    /// fingerprint of what it is made from besides the globals; `value` runs only when the
    /// context is filled.
    pub fn insert_shared(
        &mut self,
        key: &'static str,
        fingerprint: Fingerprint,
        value: impl FnOnce() -> Result<Value, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        self.hasher.str(key).fingerprint(fingerprint);
        if let Some(context) = &mut self.context {
            context.insert_value(key, value()?);
        }
        Ok(())
    }

    /// Inserts the cards of the articles at `indexes`; only their fingerprints are hashed.
    pub fn insert_cards(&mut self, key: &'static str, cards: &Cards, indexes: &[usize]) {
        self.feed_cards(key, cards, indexes);
        if let Some(context) = &mut self.context {
            context.insert_value(key, cards.list(indexes));
        }
    }

    /// Inserts the cards of the articles at `indexes` for a card list (with their `details`);
    /// their fingerprints are hashed, and that of `card.html` unless the list is empty.
    pub fn insert_card_list(
        &mut self,
        key: &'static str,
        cards: &Cards,
        indexes: &[usize],
    ) -> Result<(), Diagnostic> {
        self.feed_cards(key, cards, indexes);
        if !indexes.is_empty() {
            self.hasher
                .fingerprint(cards.templates.fingerprint(CARD_TEMPLATE));
        }
        if let Some(context) = &mut self.context {
            context.insert_value(key, cards.card_list(indexes)?);
        }
        Ok(())
    }

    fn feed_cards(&mut self, key: &'static str, cards: &Cards, indexes: &[usize]) {
        self.hasher.str(key).u64(indexes.len() as u64);
        for &i in indexes {
            self.hasher.fingerprint(cards.fingerprints[i]);
        }
    }

    /// The context (if it was filled), and the fingerprint of the page made from it and from
    /// `inputs`, the fingerprint of its template and globals (none when some value could not
    /// be hashed).
    pub fn finish(mut self, inputs: Fingerprint) -> (Option<Context>, Option<Fingerprint>) {
        self.hasher.fingerprint(inputs);
        let fingerprint = self.hashed.then(|| self.hasher.finish());
        (self.context, fingerprint)
    }
}
