//! The served state and live reload: the current [`Snapshot`], swapped as a whole after each
//! rebuild, and the open `/__baocao/events` streams (Server-Sent Events) told to reload.

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use super::respond::Snapshot;

/// Most pages listening for reloads at once; more get 503 (the page still works).
pub const MAX_LISTENERS: usize = 64;
/// How long a write to a listening page may block before that page is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(1);

/// What the server shares between the rebuild loop and the request handlers.
pub struct State {
    current: RwLock<Arc<Snapshot>>,
    listeners: Mutex<Listeners>,
}

/// The open event streams and the generation they were last told about.
struct Listeners {
    generation: u64,
    streams: Vec<TcpStream>,
}

impl State {
    /// A state serving `snapshot`.
    pub fn new(snapshot: Snapshot) -> State {
        State {
            listeners: Mutex::new(Listeners {
                generation: snapshot.generation,
                streams: Vec::new(),
            }),
            current: RwLock::new(Arc::new(snapshot)),
        }
    }

    /// The snapshot to answer a request from.
    pub fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Serves `snapshot` from now on and tells every open page to reload. Both happen under
    /// the listeners' lock, so a page either connects before (and is told) or after (and
    /// already has the new generation).
    pub fn publish(&self, snapshot: Snapshot) {
        let mut listeners = self
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        listeners.generation = snapshot.generation;
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
        let message = format!("event: reload\ndata: {}\n\n", listeners.generation);
        listeners.send(&message);
    }

    /// Keeps the streams alive through proxies and notices pages that were closed.
    pub fn ping(&self) {
        let mut listeners = self
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        listeners.send(": ping\n\n");
    }

    /// Takes over `stream` (whose request head has been read) as an event stream for a page
    /// of generation `since`; a page that is already out of date is told to reload at once.
    /// Gives the stream back when too many pages are listening.
    pub fn listen(&self, mut stream: TcpStream, since: Option<u64>) -> Result<(), TcpStream> {
        let mut listeners = self
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if listeners.streams.len() >= MAX_LISTENERS {
            return Err(stream);
        }
        let mut opening = String::from(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
             X-Content-Type-Options: nosniff\r\n\r\nretry: 1000\n\n",
        );
        if since.is_some_and(|g| g != listeners.generation) {
            opening.push_str(&format!(
                "event: reload\ndata: {}\n\n",
                listeners.generation
            ));
        }
        let ready = stream
            .set_write_timeout(Some(WRITE_TIMEOUT))
            .and_then(|()| stream.write_all(opening.as_bytes()))
            .and_then(|()| stream.flush());
        if ready.is_ok() {
            listeners.streams.push(stream);
        }
        Ok(())
    }
}

impl Listeners {
    /// Sends `message` to every stream, dropping those that fail.
    fn send(&mut self, message: &str) {
        self.streams.retain_mut(|stream| {
            stream
                .write_all(message.as_bytes())
                .and_then(|()| stream.flush())
                .is_ok()
        });
    }
}

/// The generation a page says it comes from: `since=<n>` in the query of the events URL.
pub fn since(query: &str) -> Option<u64> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_reads_the_generation() {
        assert_eq!(since("since=12"), Some(12));
        assert_eq!(since("x=1&since=3"), Some(3));
        assert_eq!(since("since="), None);
        assert_eq!(since(""), None);
    }
}
