// @ts-nocheck: AssemblyScript, compiled to Wasm by ../build.ts, not by tsc.
//
// Points in Jacobian coordinates (x = X/Z², y = Y/Z³; 96 bytes: X, Y, Z in
// Montgomery form), the point at infinity being Z = 0. The formulas are the
// Explicit-Formulas Database's; the cases they leave out (an infinite
// operand, P = Q, P = −Q) are handled before them.
import { A_IS_ZERO, ONE, fmul, fsqr, fadd, fsub } from "./field";
import { t, fcopy, fiszero, fneg } from "./field-ops";

export function setInf(r: usize): void { fcopy(r, ONE); fcopy(r + 32, ONE); memory.fill(r + 64, 0, 32); }
@inline export function isInf(p: usize): bool { return fiszero(p + 64); }
export function pcopy(r: usize, p: usize): void { fcopy(r, p); fcopy(r + 32, p + 32); fcopy(r + 64, p + 64); }

/** r = 2p (r may alias p). dbl-2009-l for a = 0, dbl-2001-b for a = −3. */
export function jdbl(r: usize, p: usize): void {
  const X = p, Y = p + 32, Z = p + 64;
  if (A_IS_ZERO) {
    fsqr(t(0), X); //            A = X²
    fsqr(t(1), Y); //            B = Y²
    fsqr(t(2), t(1)); //         C = B²
    fadd(t(3), X, t(1)); fsqr(t(3), t(3)); fsub(t(3), t(3), t(0)); fsub(t(3), t(3), t(2));
    fadd(t(3), t(3), t(3)); //   D = 2((X + B)² − A − C)
    fadd(t(4), t(0), t(0)); fadd(t(4), t(4), t(0)); // E = 3A
    fmul(t(5), Y, Z); fadd(r + 64, t(5), t(5)); //    Z3 = 2YZ
    fsqr(t(5), t(4)); fsub(t(5), t(5), t(3)); fsub(r, t(5), t(3)); // X3 = E² − 2D
    fsub(t(3), t(3), r); fmul(t(3), t(4), t(3)); //  E(D − X3)
    fadd(t(2), t(2), t(2)); fadd(t(2), t(2), t(2)); fadd(t(2), t(2), t(2));
    fsub(r + 32, t(3), t(2)); // Y3 = E(D − X3) − 8C
  } else {
    fsqr(t(0), Z); //            delta = Z²
    fsqr(t(1), Y); //            gamma = Y²
    fmul(t(2), X, t(1)); //      beta = X·gamma
    fsub(t(3), X, t(0)); fadd(t(4), X, t(0)); fmul(t(3), t(3), t(4));
    fadd(t(4), t(3), t(3)); fadd(t(3), t(4), t(3)); // alpha = 3(X − delta)(X + delta)
    fadd(t(4), Y, Z); fsqr(t(4), t(4)); fsub(t(4), t(4), t(1)); fsub(r + 64, t(4), t(0)); // Z3
    fadd(t(2), t(2), t(2)); fadd(t(2), t(2), t(2)); // 4beta
    fsqr(t(4), t(3)); fsub(t(4), t(4), t(2)); fsub(r, t(4), t(2)); // X3 = alpha² − 8beta
    fsub(t(2), t(2), r); fmul(t(2), t(3), t(2)); //  alpha(4beta − X3)
    fsqr(t(1), t(1)); fadd(t(1), t(1), t(1)); fadd(t(1), t(1), t(1)); fadd(t(1), t(1), t(1));
    fsub(r + 32, t(2), t(1)); // Y3 = alpha(4beta − X3) − 8gamma²
  }
}

/**
 * r = p + q (add-2007-bl; r may alias p, not q), with the cases the
 * formula does not cover: either side infinite, p = q, p = −q.
 */
export function jadd(r: usize, p: usize, q: usize): void {
  if (isInf(q)) { if (r != p) pcopy(r, p); return; }
  if (isInf(p)) { pcopy(r, q); return; }
  fsqr(t(0), p + 64); //              Z1Z1
  fsqr(t(1), q + 64); //              Z2Z2
  fmul(t(2), p, t(1)); //             U1 = X1·Z2Z2
  fmul(t(3), q, t(0)); //             U2 = X2·Z1Z1
  fmul(t(4), p + 32, q + 64); fmul(t(4), t(4), t(1)); // S1 = Y1·Z2·Z2Z2
  fmul(t(5), q + 32, p + 64); fmul(t(5), t(5), t(0)); // S2 = Y2·Z1·Z1Z1
  fsub(t(3), t(3), t(2)); //          H = U2 − U1
  fsub(t(5), t(5), t(4)); fadd(t(5), t(5), t(5)); // rr = 2(S2 − S1)
  if (fiszero(t(3))) {
    if (fiszero(t(5))) jdbl(r, p);
    else setInf(r);
    return;
  }
  fadd(t(6), p + 64, q + 64); fsqr(t(6), t(6)); fsub(t(6), t(6), t(0)); fsub(t(6), t(6), t(1));
  fmul(r + 64, t(6), t(3)); //        Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
  fadd(t(6), t(3), t(3)); fsqr(t(6), t(6)); // I = (2H)²
  fmul(t(7), t(3), t(6)); //          J = H·I
  fmul(t(2), t(2), t(6)); //          V = U1·I
  fsqr(t(0), t(5)); fsub(t(0), t(0), t(7)); fsub(t(0), t(0), t(2)); fsub(r, t(0), t(2)); // X3 = rr² − J − 2V
  fsub(t(2), t(2), r); fmul(t(2), t(5), t(2)); // rr(V − X3)
  fmul(t(4), t(4), t(7)); fadd(t(4), t(4), t(4));
  fsub(r + 32, t(2), t(4)); //        Y3 = rr(V − X3) − 2·S1·J
}

/** r = p ± q for an affine q (x, y at q, q + 32; never infinite), madd-2007-bl. r may alias p. */
export function jmadd(r: usize, p: usize, q: usize, negate: bool): void {
  let qy = q + 32;
  if (negate) { fneg(t(8), qy); qy = t(8); }
  if (isInf(p)) { fcopy(r, q); fcopy(r + 32, qy); fcopy(r + 64, ONE); return; }
  fsqr(t(0), p + 64); //              Z1Z1
  fmul(t(1), q, t(0)); //             U2 = X2·Z1Z1
  fmul(t(2), qy, p + 64); fmul(t(2), t(2), t(0)); // S2 = Y2·Z1·Z1Z1
  fsub(t(1), t(1), p); //             H = U2 − X1
  fsub(t(2), t(2), p + 32); fadd(t(2), t(2), t(2)); // rr = 2(S2 − Y1)
  if (fiszero(t(1))) {
    if (fiszero(t(2))) jdbl(r, p);
    else setInf(r);
    return;
  }
  fsqr(t(3), t(1)); //                HH
  fadd(t(4), t(3), t(3)); fadd(t(4), t(4), t(4)); // I = 4HH
  fmul(t(5), t(1), t(4)); //          J = H·I
  fmul(t(4), p, t(4)); //             V = X1·I
  fadd(t(6), p + 64, t(1)); fsqr(t(6), t(6)); fsub(t(6), t(6), t(0)); fsub(r + 64, t(6), t(3)); // Z3
  fmul(t(7), p + 32, t(5)); fadd(t(7), t(7), t(7)); // 2·Y1·J (before Y1 is overwritten)
  fsqr(t(6), t(2)); fsub(t(6), t(6), t(5)); fsub(t(6), t(6), t(4)); fsub(r, t(6), t(4)); // X3 = rr² − J − 2V
  fsub(t(4), t(4), r); fmul(t(4), t(2), t(4));
  fsub(r + 32, t(4), t(7)); //        Y3 = rr(V − X3) − 2·Y1·J
}
