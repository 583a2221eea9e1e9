//! Connections: one thread accepts, a fixed pool of workers answers, and a bounded queue sits
//! between them, so a burst of requests waits or gets 503 instead of starting threads without
//! limit. Event streams are handed over to [`State`] and free their worker at once.

use std::io::Read;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use super::http::{self, Method, ReadError, Response};
use super::reload::{self, State};
use super::respond::{self, EVENTS_PATH};

/// Worker threads answering requests: enough for a browser's parallel requests plus the idle
/// connections browsers open in advance (each holds a worker until it sends or times out).
const WORKERS: usize = 16;
/// Connections waiting for a worker; beyond this they get 503. Answers come from memory in
/// microseconds, so a long queue drains fast: a thousand connections at once all get pages.
const QUEUE: usize = 1024;
/// Time a client has to send its request head. Browsers send it at once; a connection they
/// open in advance and leave idle is closed soon, so that it does not hold a worker long.
const READ_TIME: Duration = Duration::from_secs(3);
/// Time a client has to take a response.
const WRITE_TIME: Duration = Duration::from_secs(30);

/// Starts the accepting thread and the workers; they serve `state` for as long as the
/// process runs.
pub fn spawn(listener: TcpListener, state: Arc<State>) -> std::io::Result<()> {
    let (sender, receiver) = sync_channel::<TcpStream>(QUEUE);
    let receiver = Arc::new(Mutex::new(receiver));
    for i in 0..WORKERS {
        let receiver = Arc::clone(&receiver);
        let state = Arc::clone(&state);
        thread::Builder::new()
            .name(format!("baocao-http-{i}"))
            .spawn(move || work(&receiver, &state))?;
    }
    thread::Builder::new()
        .name("baocao-accept".to_string())
        .spawn(move || accept(&listener, &sender))?;
    Ok(())
}

fn accept(listener: &TcpListener, sender: &SyncSender<TcpStream>) {
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => match sender.try_send(stream) {
                Ok(()) => {}
                Err(TrySendError::Full(mut stream)) => {
                    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
                    let busy = Response::text(503, "The preview is busy; try again.");
                    let _ = busy.write_to(&mut stream, false);
                }
                Err(TrySendError::Disconnected(_)) => return,
            },
            // Out of file descriptors and the like: wait a moment rather than spin.
            Err(_) => thread::sleep(Duration::from_millis(50)),
        }
    }
}

fn work(receiver: &Mutex<Receiver<TcpStream>>, state: &State) {
    loop {
        let next = receiver
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        let Ok(stream) = next else { return };
        // A bug must cost one connection, not a worker.
        let _ = catch_unwind(AssertUnwindSafe(|| handle(stream, state)));
    }
}

/// Answers one connection.
fn handle(mut stream: TcpStream, state: &State) {
    let configured = stream
        .set_read_timeout(Some(READ_TIME))
        .and_then(|()| stream.set_write_timeout(Some(WRITE_TIME)));
    if configured.is_err() {
        return;
    }
    let request = match http::read_request(&mut stream, Instant::now() + READ_TIME) {
        Ok(request) => request,
        Err(ReadError::Gone) => return,
        Err(ReadError::Malformed) => {
            return finish(stream, &Response::text(400, "Malformed request."), false);
        }
        Err(ReadError::TooLarge) => {
            let response = Response::text(431, "The request headers are too large.");
            return finish(stream, &response, false);
        }
    };
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((&request.target, ""));
    if path == EVENTS_PATH && request.method == Method::Get {
        if let Err(stream) = state.listen(stream, reload::since(query)) {
            let busy = Response::text(503, "Too many pages are listening for reloads.");
            finish(stream, &busy, false);
        }
        return;
    }
    let snapshot = state.current();
    let response = respond::respond(&snapshot, &request);
    finish(stream, &response, request.method == Method::Head);
}

/// Sends the response and closes the connection, first reading what the client may still be
/// sending (a request body) so that closing does not reset the connection under the response.
fn finish(mut stream: TcpStream, response: &Response<'_>, head_only: bool) {
    if response.write_to(&mut stream, head_only).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 4096];
    let mut left: usize = 64 * 1024;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}
