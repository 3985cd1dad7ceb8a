// Checks scripts/whisper-native's patched matrix kernel (ggml's llamafile_sgemm: tinyBLAS with a scalar tail for
// any inner dimension, and on AVX-512 or AVX2+FMA the packed outer-product path) against a double-precision reference, for
// F32, F16 and Q8_0 left operands (Q8_0 against its dequantised values, also times one Q8_0 column: a decoder
// token; F16 also times F16: the convolutions), on
// the shapes whisper.cpp gives it (attention: 1500 x 1500 x 64, 64 x 1500 x 1500; weights: 512/2048 x 1500
// frames; a convolution's 240-long kernels), odd sizes (tails of rows, columns and the inner dimension) and 1, 2,
// 3 or 8 threads splitting the work.
// Usage: whisper-native-check [native]. With "native" on an AVX-512 or AVX2+FMA+F16C CPU every product of 32+ rows and 64+ columns
// must be taken by the kernel (the outer-product path is compiled in), not left to ggml.
// Built and run by scripts/whisper-native against the fresh libggml.so; exit 1 (and the build is not cached) if a
// result differs by more than 1e-3, a column padding word is written, or the threads disagree on taking a call.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <random>
#include <thread>
#include <vector>

extern "C" {
float ggml_fp16_to_fp32(uint16_t);
uint16_t ggml_fp32_to_fp16(float);
struct ggml_init_params_abi { size_t mem_size; void * mem_buffer; bool no_alloc; };
void * ggml_init(ggml_init_params_abi);
bool llamafile_sgemm(int64_t m, int64_t n, int64_t k, const void * A, int64_t lda, const void * B, int64_t ldb,
                     void * C, int64_t ldc, int ith, int nth, int Atype, int Btype, int Ctype);
}

// Runs the product on nth threads; 1 = taken by the kernel, 0 = left to ggml, -1 = the threads disagreed.
static int run(int nth, const std::function<bool(int)> & call) {
    std::vector<int> handled(nth);
    std::vector<std::thread> threads;
    for (int t = 0; t < nth; ++t) {
        threads.emplace_back([&, t] { handled[t] = call(t); });
    }
    for (auto & t : threads) {
        t.join();
    }
    for (int t = 1; t < nth; ++t) {
        if (handled[t] != handled[0]) {
            return -1;
        }
    }
    return handled[0];
}

// Judges one product against the double-precision reference over the F32 values of A (row stride lda): counts it
// in checked, or in bad with a line saying why (not taken where it must be, threads disagreeing, a wrong value, or
// a write into the padding after the m rows of a column of C).
static void judge(int handled, bool must_take, const char * type, int64_t m, int64_t n, int64_t k, int nth,
                  const std::vector<float> & A, int64_t lda, const std::vector<float> & B, int64_t ldb,
                  const std::vector<float> & C, int64_t ldc, int & checked, int & bad) {
    if (handled < 0 || (handled == 0 && must_take && m >= 32 && n >= 64)) {
        ++bad;
        std::printf("NOT TAKEN: m=%lld n=%lld k=%lld %s, %d threads (%s)\n", (long long) m, (long long) n,
                    (long long) k, type, nth, handled < 0 ? "threads disagree" : "ggml's loop");
        return;
    }
    if (!handled) {
        return; // not this build's kernel (ggml's own loop runs it); nothing to check
    }
    ++checked;
    double err = 0;
    for (int64_t j = 0; j < n; ++j) {
        for (int64_t i = 0; i < m; ++i) {
            double r = 0;
            for (int64_t l = 0; l < k; ++l) {
                r += (double) A[lda * i + l] * B[ldb * j + l];
            }
            err = std::max(err, std::fabs(r - C[ldc * j + i]));
        }
        for (int64_t i = m; i < ldc; ++i) {
            if (C[ldc * j + i] != 7.0f) {
                err = INFINITY; // wrote past the rows
            }
        }
    }
    if (!(err <= 1e-3)) {
        ++bad;
        std::printf("WRONG: m=%lld n=%lld k=%lld %s, %d threads: max error %g\n", (long long) m, (long long) n,
                    (long long) k, type, nth, err);
    }
}

int main(int argc, char ** argv) {
    const bool outer = argc > 1 && std::string(argv[1]) == "native" &&
                       (__builtin_cpu_supports("avx512f") ||
                        (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c")));
    int checked = 0;
    ggml_init(ggml_init_params_abi{1024, nullptr, true}); // fills ggml's FP16 conversion table
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(-1, 1);
    const int shapes[][3] = {{1500, 1500, 64}, {64, 1500, 1500}, {64, 1500, 1497}, {33, 70, 13}, {32, 64, 16},
                             {100, 1, 1500}, {1500, 200, 64}, {31, 100, 64}, {48, 130, 17}, {300, 130, 240},
                             {40, 67, 33}, {33, 71, 20}, {47, 113, 9}}; // odd leftover columns
    int bad = 0;
    for (const auto & s : shapes) {
        for (int f16 = 0; f16 < 3; ++f16) { // A and B: F32 and F32, F16 and F32, F16 and F16 (convolutions)
            for (int nth : {1, 2, 3, 8}) {
                const int64_t m = s[0], n = s[1], k = s[2], lda = k + 3, ldb = k + 5, ldc = m + 2;
                std::vector<float> A(m * lda), B(n * ldb), C(n * ldc, 7.0f);
                std::vector<uint16_t> Ah(m * lda), Bh(n * ldb);
                for (size_t i = 0; i < A.size(); ++i) {
                    Ah[i] = ggml_fp32_to_fp16(u(rng));
                    A[i] = f16 ? ggml_fp16_to_fp32(Ah[i]) : u(rng);
                }
                for (size_t i = 0; i < B.size(); ++i) {
                    Bh[i] = ggml_fp32_to_fp16(u(rng));
                    B[i] = f16 == 2 ? ggml_fp16_to_fp32(Bh[i]) : u(rng);
                }
                const int handled = run(nth, [&](int t) {
                    return llamafile_sgemm(m, n, k, f16 ? (const void *) Ah.data() : A.data(), lda,
                                           f16 == 2 ? (const void *) Bh.data() : B.data(), ldb,
                                           C.data(), ldc, t, nth, f16 ? 1 : 0, f16 == 2 ? 1 : 0, 0);
                });
                judge(handled, outer, f16 == 2 ? "F16 x F16" : f16 ? "F16" : "F32", m, n, k, nth, A, lda, B, ldb, C,
                      ldc, checked, bad);
            }
        }
    }
    // Q8_0 weights (blocks of a half scale and 32 int8) times F32 activations: the encoder's products
    struct block_q8_0 { uint16_t d; int8_t qs[32]; };
    // A random Q8_0 block and its 32 dequantised values
    auto random_q8 = [&](block_q8_0 & q, float * values) {
        q.d = ggml_fp32_to_fp16(u(rng) / 127.0f);
        for (int j = 0; j < 32; ++j) {
            q.qs[j] = (int8_t) (int) std::lround(127 * u(rng));
            values[j] = ggml_fp16_to_fp32(q.d) * q.qs[j];
        }
    };
    const int qshapes[][3] = {{512, 1500, 512}, {2048, 1500, 512}, {512, 1500, 2048}, {512, 70, 64}, {40, 64, 96}};
    for (const auto & s : qshapes) {
        for (int nth : {1, 3, 8}) {
            const int64_t m = s[0], n = s[1], k = s[2], kb = k / 32, lda = kb + 1, ldb = k + 5, ldc = m + 2;
            std::vector<block_q8_0> Aq(m * lda);
            std::vector<float> A(m * k), B(n * ldb), C(n * ldc, 7.0f);
            for (int64_t i = 0; i < m; ++i) {
                for (int64_t b = 0; b < kb; ++b) {
                    random_q8(Aq[lda * i + b], &A[k * i + 32 * b]);
                }
            }
            for (float & x : B) {
                x = u(rng);
            }
            const int handled = run(nth, [&](int t) {
                return llamafile_sgemm(m, n, kb, Aq.data(), lda, B.data(), ldb, C.data(), ldc, t, nth,
                                       8 /* GGML_TYPE_Q8_0 */, 0, 0);
            });
            judge(handled, outer, "Q8_0", m, n, k, nth, A, k, B, ldb, C, ldc, checked, bad);
        }
    }
    // Q8_0 weights times one Q8_0 column (a decoder token's activations, quantised by ggml): odd row counts
    for (int64_t m : {51865, 1027, 5}) {
        for (int nth : {1, 2, 3}) {
            const int64_t kb = 16, k = 32 * kb, ldc = m + 2;
            std::vector<block_q8_0> Aq(m * kb), Bq(kb);
            std::vector<float> A(m * k), B(k), C(ldc, 7.0f);
            for (int64_t i = 0; i < m; ++i) {
                for (int64_t b = 0; b < kb; ++b) {
                    random_q8(Aq[kb * i + b], &A[k * i + 32 * b]);
                }
            }
            for (int64_t b = 0; b < kb; ++b) {
                random_q8(Bq[b], &B[32 * b]);
            }
            const int handled = run(nth, [&](int t) {
                return llamafile_sgemm(m, 1, kb, Aq.data(), kb, Bq.data(), kb, C.data(), ldc, t, nth,
                                       8 /* GGML_TYPE_Q8_0 */, 8, 0);
            });
            judge(handled, false, "Q8_0 x Q8_0 column", m, 1, k, nth, A, k, B, k, C, ldc, checked, bad);
        }
    }
    std::printf("%d products checked, %d failed%s\n", checked, bad, outer ? " (outer-product path expected)" : "");
    return bad ? 1 : 0;
}
