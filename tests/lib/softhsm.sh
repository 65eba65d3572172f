#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# Make a throw-away PKI and a SoftHSM2 token for the signing tests, in DIR:
#   ca.pem            test root CA (the trust anchor)
#   chain.pem         sub CA + root, to embed in signatures
#   signer.pem/.key   "Nguyễn Văn Thành", issued by the sub CA, valid now
#   expired.pem/.key  the same person's old certificate (2020–2021)
#   seal.pem/.key     the agency "Liên đoàn Lao động huyện Gia Lâm" (its
#                     digital signature, chữ ký số của cơ quan), by the sub CA
#   tsa.pem/.key      a timestamping authority (EKU timeStamping, critical)
#   signer.p12        the signer for NSS (password "test"), for pdfsig
#   softhsm2.conf     SOFTHSM2_CONF for the token "lantoa-test" (user PIN 1234):
#                     key+certificate "signer" (ID 01), key+certificate "expired" (ID 02);
#                     and the token "lantoa-seal" (user PIN 4321): key+certificate "seal" (ID 01)
#   nss/              an NSS database trusting ca.pem, holding signer.p12
#   module            the path of SoftHSM2's PKCS#11 module
# Usage: tests/lib/softhsm.sh DIR     (DIR is created; exit 77 when a tool is missing)
set -eu
dir=$1
for t in openssl softhsm2-util pkcs11-tool certutil pk12util; do
  command -v "$t" >/dev/null 2>&1 || { echo "softhsm.sh: $t is missing" >&2; exit 77; }
done
module=""
for m in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so \
         /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so; do
  [ -f "$m" ] && { module=$m; break; }
done
[ -n "$module" ] || { echo "softhsm.sh: libsofthsm2.so is missing" >&2; exit 77; }

mkdir -p "$dir/tokens" "$dir/ca/new"
cd "$dir"
printf '%s\n' "$module" > module
q() { "$@" >/dev/null 2>&1 || { echo "softhsm.sh: failed: $*" >&2; exit 1; }; }

cat > ext.cnf <<'EOF'
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[signer]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

key() { q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }
key ca.key; key sub.key; key signer.key; key expired.key; key tsa.key; key seal.key

q openssl req -x509 -new -key ca.key -days 3650 -utf8 -subj "/C=VN/O=lantoa test/CN=Lantoa Test Root CA" \
  -extensions ca -config ext.cnf -out ca.pem
q openssl req -new -key sub.key -utf8 -subj "/C=VN/O=lantoa test/CN=Lantoa Test Sub CA" -out sub.csr
q openssl x509 -req -in sub.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
  -extfile ext.cnf -extensions ca -out sub.pem
q openssl req -new -key signer.key -utf8 \
  -subj "/C=VN/O=Liên đoàn Lao động huyện Gia Lâm/title=Chủ tịch/CN=Nguyễn Văn Thành" -out signer.csr
q openssl x509 -req -in signer.csr -CA sub.pem -CAkey sub.key -CAcreateserial -days 730 \
  -extfile ext.cnf -extensions signer -out signer.pem
q openssl req -new -key seal.key -utf8 \
  -subj "/C=VN/L=Hà Nội/O=Liên đoàn Lao động huyện Gia Lâm/CN=Liên đoàn Lao động huyện Gia Lâm" -out seal.csr
q openssl x509 -req -in seal.csr -CA sub.pem -CAkey sub.key -CAcreateserial -days 730 \
  -extfile ext.cnf -extensions signer -out seal.pem
q openssl req -new -key tsa.key -utf8 -subj "/C=VN/O=lantoa test/CN=Lantoa Test TSA" -out tsa.csr
q openssl x509 -req -in tsa.csr -CA sub.pem -CAkey sub.key -CAcreateserial -days 730 \
  -extfile ext.cnf -extensions tsa -out tsa.pem

# An expired certificate: `openssl ca` is the tool that sets past dates.
: > ca/index.txt
echo 1000 > ca/serial
cat > ca.cnf <<EOF
[ca]
default_ca = test
[test]
dir = $dir/ca
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
commonName = supplied
EOF
q openssl req -new -key expired.key -utf8 -subj "/C=VN/CN=Nguyễn Văn Thành" -out expired.csr
q openssl ca -batch -config ca.cnf -utf8 -cert sub.pem -keyfile sub.key -in expired.csr \
  -startdate 20200101000000Z -enddate 20210101000000Z -extfile ext.cnf -extensions signer \
  -out expired.pem
cat sub.pem ca.pem > chain.pem

# The token.
cat > softhsm2.conf <<EOF
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
EOF
export SOFTHSM2_CONF="$dir/softhsm2.conf"
q softhsm2-util --init-token --free --label lantoa-test --so-pin 87654321 --pin 1234
for k in signer:01 expired:02; do
  label=${k%:*}; id=${k#*:}
  q openssl pkcs8 -topk8 -nocrypt -in "$label.key" -out "$label.p8"
  q softhsm2-util --import "$label.p8" --token lantoa-test --label "$label" --id "$id" --pin 1234
  q openssl x509 -in "$label.pem" -outform DER -out "$label.der"
  q pkcs11-tool --module "$module" --token-label lantoa-test --login --pin 1234 \
    --write-object "$label.der" --type cert --id "$id" --label "$label"
done
# The agency's key on a token of its own, as an office keeps its seal apart from the chairman.
q softhsm2-util --init-token --free --label lantoa-seal --so-pin 87654321 --pin 4321
q openssl pkcs8 -topk8 -nocrypt -in seal.key -out seal.p8
q softhsm2-util --import seal.p8 --token lantoa-seal --label seal --id 01 --pin 4321
q openssl x509 -in seal.pem -outform DER -out seal.der
q pkcs11-tool --module "$module" --token-label lantoa-seal --login --pin 4321 \
  --write-object seal.der --type cert --id 01 --label seal

# NSS, for poppler's pdfsig: trusts the root, holds the signer (to sign "elsewhere").
mkdir -p nss
q openssl pkcs12 -export -in signer.pem -inkey signer.key -certfile chain.pem -name signer \
  -passout pass:test -out signer.p12
q certutil -N -d "sql:$dir/nss" --empty-password
q certutil -A -d "sql:$dir/nss" -n lantoa-test-root -t "CT,C,C" -i ca.pem
q certutil -A -d "sql:$dir/nss" -n lantoa-test-sub -t ",," -i sub.pem
q pk12util -i signer.p12 -d "sql:$dir/nss" -W test
