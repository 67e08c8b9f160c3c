//! Checks over a whole compiled scenario: every join can return.

use std::ops::Range;

use super::program::Step;
use crate::i18n::{Arg, Msg};
use crate::msg;

/// Run the program without time: every join must eventually return.
pub(super) fn check_joins_return(
    threads: &[Vec<(Step, Range<usize>)>],
    names: &[String],
) -> std::result::Result<(), (Range<usize>, Msg)> {
    let n = threads.len();
    let mut pc = vec![0usize; n];
    let mut started = vec![false; n];
    let mut done = vec![false; n];
    started[0] = true;
    loop {
        let mut progress = false;
        for i in 0..n {
            if !started[i] || done[i] {
                continue;
            }
            while let Some((step, _)) = threads[i].get(pc[i]) {
                match step {
                    Step::Start(t) => started[*t as usize] = true,
                    Step::Join(t) if !done[*t as usize] => break,
                    _ => {}
                }
                pc[i] += 1;
                progress = true;
            }
            if pc[i] == threads[i].len() {
                done[i] = true;
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    let Some(stuck) = (0..n).find(|&i| started[i] && !done[i]) else {
        return Ok(());
    };
    let span = threads[stuck][pc[stuck]].1.clone();
    // Follow who waits for whom, to say why.
    let mut chain = vec![stuck];
    let mut cur = stuck;
    while let Some((Step::Join(t), _)) = threads[cur].get(pc[cur]) {
        let t = *t as usize;
        if chain.contains(&t) || !started[t] {
            chain.push(t);
            break;
        }
        chain.push(t);
        cur = t;
    }
    Err((span, describe_chain(&chain, &started, names)))
}

fn describe_chain(chain: &[usize], started: &[bool], names: &[String]) -> Msg {
    let last = *chain.last().unwrap_or(&0);
    let ids: Vec<String> = chain.iter().map(|&i| format!("`{}`", names[i])).collect();
    let chain = ids[1..].iter().fold(Arg::from(&ids[0]), |a, b| {
        Arg::from(msg!("scenario-waits-for", a = a, b = b))
    });
    if started[last] {
        msg!("scenario-join-cycle", chain = chain)
    } else {
        msg!("scenario-join-stuck", chain = chain)
    }
}
