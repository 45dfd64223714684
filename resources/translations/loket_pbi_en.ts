<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>AdminPage</name>
    <message>
        <source>Administrator pertama</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <source>Akun ini mengelola pengguna dan pengaturan. Simpan kata sandinya dengan aman.</source>
        <translation>This account manages users and settings. Keep its password safe.</translation>
    </message>
    <message>
        <source>mis. admin</source>
        <translation>e.g. admin</translation>
    </message>
    <message>
        <source>18 digit, boleh dikosongkan</source>
        <translation>18 digits, may be left empty</translation>
    </message>
    <message>
        <source>minimal 8 karakter</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <source>Nama pengguna *</source>
        <translation>Username *</translation>
    </message>
    <message>
        <source>Nama lengkap *</source>
        <translation>Full name *</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Kata sandi *</source>
        <translation>Password *</translation>
    </message>
    <message>
        <source>Ulangi kata sandi *</source>
        <translation>Repeat password *</translation>
    </message>
    <message>
        <source>Nama lengkap wajib diisi.</source>
        <translation>The full name is required.</translation>
    </message>
    <message>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>Perhatian</source>
        <translation>Attention</translation>
    </message>
</context>
<context>
    <name>AttachmentChips</name>
    <message>
        <source>Lampiran lain:</source>
        <translation>Other attachments:</translation>
    </message>
    <message>
        <source>Lepaskan lampiran {name}</source>
        <translation>Remove the attachment {name}</translation>
    </message>
</context>
<context>
    <name>AttachmentsSection</name>
    <message>
        <source>Pindaian (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Persyaratan</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Ditambahkan oleh</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>Pada</source>
        <translation>On</translation>
    </message>
    <message>
        <source>&amp;Tambah lampiran…</source>
        <translation>&amp;Add attachment…</translation>
    </message>
    <message>
        <source>Untuk persyaratan:</source>
        <translation>For requirement:</translation>
    </message>
    <message>
        <source>&amp;Buka</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Simpan &amp;salinan…</source>
        <translation>&amp;Save a copy…</translation>
    </message>
    <message>
        <source>&amp;Hapus lampiran…</source>
        <translation>&amp;Remove attachment…</translation>
    </message>
    <message>
        <source>lain-lain (tidak untuk satu persyaratan)</source>
        <translation>other (not for one requirement)</translation>
    </message>
    <message>
        <source>Belum ada lampiran.</source>
        <translation>No attachments yet.</translation>
    </message>
    <message>
        <source>Seret hasil pindaian ke sini atau pilih Tambah lampiran…</source>
        <translation>Drag scans here or choose Add attachment…</translation>
    </message>
    <message>
        <source>{count} lampiran.</source>
        <translation>{count} attachment(s).</translation>
    </message>
    <message>
        <source>Hasil pindaian dapat diseret ke sini.</source>
        <translation>Scans can be dragged here.</translation>
    </message>
    <message>
        <source>Tambah lampiran pindaian</source>
        <translation>Add scanned attachments</translation>
    </message>
    <message>
        <source>Menyimpan lampiran…</source>
        <translation>Saving the attachments…</translation>
    </message>
    <message>
        <source>✓ {count} lampiran disimpan.</source>
        <translation>✓ {count} attachment(s) saved.</translation>
    </message>
    <message>
        <source>Dibuka: {name}</source>
        <translation>Opened: {name}</translation>
    </message>
    <message>
        <source>Simpan salinan lampiran ke folder</source>
        <translation>Save a copy of the attachment to a folder</translation>
    </message>
    <message>
        <source>Salinan disimpan: {path}</source>
        <translation>Copy saved: {path}</translation>
    </message>
    <message>
        <source>Hapus lampiran</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <source>Hapus lampiran &apos;{file}&apos; ({requirement}) dari berkas ini? Penghapusan tercatat di log audit.</source>
        <translation>Remove the attachment &apos;{file}&apos; ({requirement}) from this case? The removal is recorded in the audit log.</translation>
    </message>
    <message>
        <source>Menghapus lampiran…</source>
        <translation>Removing the attachment…</translation>
    </message>
    <message>
        <source>Lampiran &apos;{file}&apos; dihapus.</source>
        <translation>Attachment &apos;{file}&apos; removed.</translation>
    </message>
</context>
<context>
    <name>BackupAdminDialog</name>
    <message>
        <source>Masuk sebagai administrator cadangan</source>
        <translation>Sign in as the backup&apos;s administrator</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;Pulihkan</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>&amp;Buat cadangan sekarang</source>
        <translation>&amp;Make a backup now</translation>
    </message>
    <message>
        <source>&amp;Pulihkan dari cadangan…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <source>&amp;Batalkan</source>
        <translation>Ca&amp;ncel job</translation>
    </message>
    <message>
        <source>Hentikan pemeriksaan atau pemulihan; data yang ada tidak diubah</source>
        <translation>Stop the check or the restore; the current data is not changed</translation>
    </message>
    <message>
        <source>Membuat cadangan…</source>
        <translation>Making a backup…</translation>
    </message>
    <message>
        <source>Cadangan dibuat: {path} ({files} berkas, {size} MB).</source>
        <translation>Backup made: {path} ({files} files, {size} MB).</translation>
    </message>
    <message>
        <source>%p% · {files} berkas</source>
        <translation>%p% · {files} files</translation>
    </message>
    <message>
        <source>Membatalkan…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Berkas cadangan</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <source>Memeriksa {file}…</source>
        <translation>Checking {file}…</translation>
    </message>
    <message>
        <source>Pulihkan cadangan</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>Cadangan {file} utuh: dibuat {created} (UTC) oleh Loket PBI {version}, {files} berkas.

Semua data saat ini akan DIGANTI dengan isi cadangan ini. Data saat ini disimpan dulu di folder backups/sebelum-pulih-… . Setelah pemulihan aplikasi ditutup; bukalah kembali.

Lanjutkan pemulihan?</source>
        <translation>Backup {file} is intact: made {created} (UTC) by Loket PBI {version}, {files} files.

All current data will be REPLACED by the contents of this backup. The current data is first kept in the folder backups/sebelum-pulih-… . After the restore the application closes; please start it again.

Continue with the restore?</translation>
    </message>
    <message>
        <source>Data saat ini lebih baru</source>
        <translation>The current data is newer</translation>
    </message>
    <message>
        <source>Tetap pulihkan dan buang pekerjaan itu dari data yang dipakai?</source>
        <translation>Restore anyway and drop that work from the data in use?</translation>
    </message>
    <message>
        <source>Memulihkan… jangan matikan komputer.</source>
        <translation>Restoring… do not switch off the computer.</translation>
    </message>
    <message>
        <source>Pemulihan selesai</source>
        <translation>Restore finished</translation>
    </message>
    <message>
        <source>Data dipulihkan dari {file}. Data sebelumnya disimpan di {aside}.
Aplikasi sekarang ditutup; bukalah kembali.</source>
        <translation>Data restored from {file}. The previous data is kept in {aside}.
The application now closes; please start it again.</translation>
    </message>
    <message>
        <source>Pemulihan tidak dilakukan</source>
        <translation>Restore not done</translation>
    </message>
    <message>
        <source>Pemulihan tidak selesai; data yang ada tidak diubah. Aplikasi ditutup; bukalah kembali sebelum bekerja lagi.</source>
        <translation>The restore did not finish; the existing data was not changed. The application closes; start it again before working on.</translation>
    </message>
</context>
<context>
    <name>BatchDetailPanel</name>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Umpan balik</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>TMT / alasan</source>
        <translation>Effective date (TMT) / reason</translation>
    </message>
    <message>
        <source>Isi batch</source>
        <translation>Batch contents</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Tujuan</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Tanda terima / galat</source>
        <translation>Receipt / error</translation>
    </message>
    <message>
        <source>Riwayat pengiriman</source>
        <translation>Delivery history</translation>
    </message>
    <message>
        <source>Periksa ulang ZIP batch: SHA-256-nya, setiap berkas terhadap manifest.json, dan jumlah baris terhadap jumlah kasus yang tercatat.</source>
        <translation>Re-check the batch ZIP: its SHA-256, every file against manifest.json, and the number of rows against the recorded number of cases.</translation>
    </message>
    <message>
        <source>&amp;Periksa berkas batch</source>
        <translation>&amp;Check batch files</translation>
    </message>
    <message>
        <source>Pemeriksaan berkas</source>
        <translation>File check</translation>
    </message>
    <message>
        <source>No. registrasi</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>Diterima</source>
        <extracomment>BPJS feedback on a batch row (marked for translation; shown through ``translate(&quot;BatchDetailPanel&quot;, …)``)</extracomment>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Siap sejak</source>
        <translation>Ready since</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>Pindahkan ke periode &amp;lain…</source>
        <translation>Move to another &amp;period…</translation>
    </message>
    <message>
        <source>Kasus menunggu</source>
        <translation>Waiting cases</translation>
    </message>
    <message>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Berhasil</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <source>Gagal</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Riwayat pengiriman ({0})</source>
        <translation>Delivery history ({0})</translation>
    </message>
    <message>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Berkas batch BERMASALAH:</source>
        <translation>Batch files have PROBLEMS:</translation>
    </message>
    <message>
        <source>Berkas batch utuh: SHA-256 ZIP, setiap berkas di dalamnya dan jumlah baris sama dengan saat batch ditutup.</source>
        <translation>Batch files are intact: the ZIP&apos;s SHA-256, every file in it and the number of rows match the state when the batch was closed.</translation>
    </message>
    <message>
        <source>{0} kasus {1} menunggu batch.</source>
        <translation>{0} {1} cases are waiting for a batch.</translation>
    </message>
    <message>
        <source>{0} di antaranya berasal dari periode yang sudah ditutup dan ikut batch periode berikutnya dengan sendirinya.</source>
        <translation>{0} of them come from a period already closed and join the next period&apos;s batch by themselves.</translation>
    </message>
    <message>
        <source>Periode sudah ditutup</source>
        <translation>Period already closed</translation>
    </message>
    <message>
        <source>Kasus menunggu ({0})</source>
        <translation>Waiting cases ({0})</translation>
    </message>
</context>
<context>
    <name>BatchesView</name>
    <message>
        <source>Ditutup, belum terkirim</source>
        <translation>Closed, not yet sent</translation>
    </message>
    <message>
        <source>Terkirim</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Urutan</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <source>Jumlah data</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Terkirim / galat terakhir</source>
        <translation>Sent / last error</translation>
    </message>
    <message>
        <source>Umpan balik</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Batch bulanan&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Monthly batches&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>XLSX dan CSV kasus yang direkomendasikan pada satu hari (hari ini atau hari yang dipilih), dengan kolom lembar bersama BPJS (Pengaturan → Daftar harian BPJS)</source>
        <translation>XLSX and CSV of the cases recommended on one day (today or a chosen day), with the columns of the sheet shared with BPJS (Settings → Daily list for BPJS)</translation>
    </message>
    <message>
        <source>&amp;Tutup batch</source>
        <translation>&amp;Close batch</translation>
    </message>
    <message>
        <source>&amp;Muat ulang</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <source>Periode yang dapat ditutup:</source>
        <translation>Periods that can be closed:</translation>
    </message>
    <message>
        <source>— tidak ada periode yang dapat ditutup —</source>
        <translation>— no period can be closed —</translation>
    </message>
    <message>
        <source>&amp;Tutup batch…</source>
        <translation>&amp;Close batch…</translation>
    </message>
    <message>
        <source>Buka &amp;folder</source>
        <translation>Open &amp;folder</translation>
    </message>
    <message>
        <source>Kasus menunggu untuk layanan:</source>
        <translation>Waiting cases of the service:</translation>
    </message>
    <message>
        <source>&amp;Kirim sekarang</source>
        <translation>&amp;Send now</translation>
    </message>
    <message>
        <source>Impor &amp;umpan balik…</source>
        <translation>Import &amp;feedback…</translation>
    </message>
    <message>
        <source>&amp;Rekonsiliasi…</source>
        <translation>Reco&amp;ncile…</translation>
    </message>
    <message>
        <source>Impor daftar &amp;peserta BPJS…</source>
        <translation>Import BPJS &amp;participant roster…</translation>
    </message>
    <message>
        <source>Daftar &amp;harian BPJS…</source>
        <translation>&amp;Daily list for BPJS…</translation>
    </message>
    <message>
        <source>Pemberitahuan P&amp;uskesos…</source>
        <translation>P&amp;uskesos notices…</translation>
    </message>
    <message>
        <source>Surat pemberitahuan penonaktifan kepada Puskesos tiap kelurahan untuk batch penonaktifan yang dipilih (yang belum ada saja)</source>
        <translation>Deactivation notice letters to the Puskesos of each kelurahan for the selected deactivation batch (only those not issued yet)</translation>
    </message>
    <message>
        <source>&amp;Batalkan</source>
        <translation>Ca&amp;ncel job</translation>
    </message>
    <message>
        <source>Hentikan pekerjaan ini; yang sudah dikerjakan dibatalkan seluruhnya</source>
        <translation>Stop this job; what it has done so far is undone entirely</translation>
    </message>
    <message>
        <source>Pengiriman otomatis: belum dicoba.</source>
        <translation>Automatic delivery: not tried yet.</translation>
    </message>
    <message>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>Temuan</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Sumber</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Masih ada pekerjaan yang berjalan; tunggu sampai selesai.</source>
        <extracomment>the running task stops when cancelled (set by :meth:`_start`)</extracomment>
        <translation>A job is still running; wait until it has finished.</translation>
    </message>
    <message>
        <source>Membatalkan…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Gagal ({attempts}×): {error}</source>
        <translation>Failed ({attempts}×): {error}</translation>
    </message>
    <message>
        <source>{service} — {period} · {count} berkas · urutan {sequence}</source>
        <translation>{service} — {period} · {count} cases · sequence {sequence}</translation>
    </message>
    <message>
        <source>(bulan belum berakhir)</source>
        <translation>(month not ended yet)</translation>
    </message>
    <message>
        <source>Tidak ada periode dengan kasus menunggu.</source>
        <translation>No period has waiting cases.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Tutup batch berikut?&lt;/p&gt;&lt;table cellspacing=&apos;3&apos;&gt;&lt;tr&gt;&lt;td&gt;Layanan&lt;/td&gt;&lt;td&gt;&lt;b&gt;{service}&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Periode&lt;/td&gt;&lt;td&gt;&lt;b&gt;{period}&lt;/b&gt; ({code})&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Jumlah berkas&lt;/td&gt;&lt;td&gt;&lt;b&gt;{count}&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Nomor urut batch&lt;/td&gt;&lt;td&gt;&lt;b&gt;{sequence}&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;p&gt;Close this batch?&lt;/p&gt;&lt;table cellspacing=&apos;3&apos;&gt;&lt;tr&gt;&lt;td&gt;Service&lt;/td&gt;&lt;td&gt;&lt;b&gt;{service}&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Period&lt;/td&gt;&lt;td&gt;&lt;b&gt;{period}&lt;/b&gt; ({code})&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Number of cases&lt;/td&gt;&lt;td&gt;&lt;b&gt;{count}&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Batch sequence number&lt;/td&gt;&lt;td&gt;&lt;b&gt;{sequence}&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Tutup batch</source>
        <translation>Close batch</translation>
    </message>
    <message>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Lampiran berkas yang ikut dalam ZIP: {count} berkas ({size}).</source>
        <translation>Scanned documents that go into the ZIP: {count} files ({size}).</translation>
    </message>
    <message>
        <source>(tidak ada)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Bulan {period} BELUM berakhir: ini penutupan lebih awal. Berkas yang belum sampai langkah batch pindah ke periode {next} ({count}):</source>
        <translation>The month {period} has NOT ended: this is an early close. Cases not yet at the batch step move to the period {next} ({count}):</translation>
    </message>
    <message>
        <source>Saya mengerti: tutup lebih awal, {count} berkas pindah ke {next}</source>
        <translation>I understand: close early, {count} cases move to {next}</translation>
    </message>
    <message>
        <source>Mengemas berkas ZIP: {done} dari {total}</source>
        <translation>Packing the ZIP file: {done} of {total}</translation>
    </message>
    <message>
        <source>Menutup batch {service} {period}…</source>
        <translation>Closing batch {service} {period}…</translation>
    </message>
    <message>
        <source>Berkas ZIP batch: {path}</source>
        <translation>Batch ZIP file: {path}</translation>
    </message>
    <message>
        <source>Mengirim batch yang belum terkirim…</source>
        <translation>Sending the batches not yet sent…</translation>
    </message>
    <message>
        <source>Tidak ada batch yang menunggu pengiriman.</source>
        <translation>No batch is waiting to be sent.</translation>
    </message>
    <message>
        <source>{batch}: terkirim</source>
        <translation>{batch}: sent</translation>
    </message>
    <message>
        <source>{batch}: gagal ({errors})</source>
        <translation>{batch}: failed ({errors})</translation>
    </message>
    <message>
        <source>tanpa keterangan</source>
        <translation>no details</translation>
    </message>
    <message>
        <source>Pengaturan pengiriman diurus administrator; batch dikirim ulang otomatis.</source>
        <translation>The delivery settings are the administrator&apos;s; the batch is sent again automatically.</translation>
    </message>
    <message>
        <source>Pengiriman terakhir ({time}): {text}</source>
        <translation>Last delivery ({time}): {text}</translation>
    </message>
    <message>
        <source>Pengiriman otomatis ({time}): tidak ada batch yang menunggu.</source>
        <translation>Automatic delivery ({time}): no batch is waiting.</translation>
    </message>
    <message>
        <source>Pengiriman otomatis ({time}): {text}</source>
        <translation>Automatic delivery ({time}): {text}</translation>
    </message>
    <message>
        <source>Pengiriman otomatis ({time}) gagal: {error}</source>
        <translation>Automatic delivery ({time}) failed: {error}</translation>
    </message>
    <message>
        <source>Daftar harian BPJS</source>
        <translation>Daily list for BPJS</translation>
    </message>
    <message>
        <source>Layanan:</source>
        <translation>Service:</translation>
    </message>
    <message>
        <source>Daftar kasus yang direkomendasikan pada tanggal (waktu kantor):</source>
        <translation>List of the cases recommended on the date (office time):</translation>
    </message>
    <message>
        <source>Simpan daftar harian BPJS ke folder</source>
        <translation>Save the daily list for BPJS to a folder</translation>
    </message>
    <message>
        <source>Membuat daftar harian BPJS…</source>
        <translation>Making the daily list for BPJS…</translation>
    </message>
    <message>
        <source>Pilih dahulu batch penonaktifan yang sudah ditutup di tabel.</source>
        <translation>First choose a closed deactivation batch in the table.</translation>
    </message>
    <message>
        <source>Simpan surat dan daftar Puskesos ke folder</source>
        <translation>Save the Puskesos letters and lists to a folder</translation>
    </message>
    <message>
        <source>Menerbitkan pemberitahuan Puskesos…</source>
        <translation>Issuing the Puskesos notices…</translation>
    </message>
    <message>
        <source>Berkas umpan balik BPJS/Kemensos</source>
        <translation>BPJS/Kemensos feedback file</translation>
    </message>
    <message>
        <source>Umpan balik (*.csv *.xlsx);;Semua (*)</source>
        <translation>Feedback (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Mengimpor umpan balik {file}…</source>
        <translation>Importing feedback {file}…</translation>
    </message>
    <message>
        <source>NIK tidak dikenal</source>
        <translation>Unknown NIK</translation>
    </message>
    <message>
        <source>Bukan bagian batch terkirim</source>
        <translation>Not part of a sent batch</translation>
    </message>
    <message>
        <source>Baris bermasalah</source>
        <translation>Faulty row</translation>
    </message>
    <message>
        <source>Baris umpan balik yang tidak diterapkan:</source>
        <translation>Feedback rows that were not applied:</translation>
    </message>
    <message>
        <source>Daftar peserta BPJS (batal untuk melewati)</source>
        <translation>BPJS participant list (cancel to skip)</translation>
    </message>
    <message>
        <source>Daftar (*.csv *.xlsx);;Semua (*)</source>
        <translation>Lists (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Daftar Dukcapil (batal untuk melewati)</source>
        <translation>Dukcapil (civil registry) list (cancel to skip)</translation>
    </message>
    <message>
        <source>Simpan laporan rekonsiliasi</source>
        <translation>Save reconciliation report</translation>
    </message>
    <message>
        <source>Daftar peserta PBI-APBD dari BPJS: {file}, {active} peserta aktif.</source>
        <translation>PBI-APBD participant roster from BPJS: {file}, {active} active participants.</translation>
    </message>
    <message>
        <source>Daftar peserta PBI-APBD dari BPJS belum diimpor.</source>
        <translation>The PBI-APBD participant roster from BPJS has not been imported yet.</translation>
    </message>
    <message>
        <source>Daftar peserta PBI-APBD dari BPJS</source>
        <translation>PBI-APBD participant roster from BPJS</translation>
    </message>
    <message>
        <source>Mengimpor daftar peserta {file}…</source>
        <translation>Importing participant roster {file}…</translation>
    </message>
    <message>
        <source>Mencocokkan daftar…</source>
        <translation>Matching the lists…</translation>
    </message>
    <message>
        <source>Rekonsiliasi {period}: {active} peserta aktif di kantor, {roster} peserta dari daftar BPJS di luar Loket PBI, {bpjs} baris BPJS, {dukcapil} baris Dukcapil; {findings} temuan</source>
        <translation>Reconciliation {period}: {active} active participants at the office, {roster} participants from the BPJS roster outside Loket PBI, {bpjs} BPJS rows, {dukcapil} Dukcapil rows; {findings} findings</translation>
    </message>
    <message>
        <source>; {count} baris ditolak</source>
        <translation>; {count} rows refused</translation>
    </message>
    <message>
        <source> Laporan: {path}</source>
        <translation> Report: {path}</translation>
    </message>
    <message>
        <source>Temuan rekonsiliasi:</source>
        <translation>Reconciliation findings:</translation>
    </message>
    <message>
        <source>Buka kasus penonaktifan</source>
        <translation>Open a deactivation case</translation>
    </message>
    <message>
        <source>Kasus {reg} dibuka</source>
        <translation>Case {reg} opened</translation>
    </message>
    <message>
        <source>Kasus penonaktifan {reg} dibuka untuk {name}.</source>
        <translation>Deactivation case {reg} opened for {name}.</translation>
    </message>
</context>
<context>
    <name>CarryDialog</name>
    <message>
        <source>Pindahkan ke batch periode lain</source>
        <translation>Move to another period&apos;s batch</translation>
    </message>
    <message>
        <source>Kasus {0} belum masuk batch. Pindahkan ke periode berikut; tindakan ini dicatat di log audit.</source>
        <translation>Case {0} is not in a batch yet. Move it to the next period; this is recorded in the audit log.</translation>
    </message>
    <message>
        <source>TTTT-BB</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <source>mis. berkas dari kelurahan baru lengkap setelah batch ditutup</source>
        <translation>e.g. the file from the kelurahan was only complete after the batch was closed</translation>
    </message>
    <message>
        <source>Periode tujuan:</source>
        <translation>Target period:</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Pindahkan</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CaseData</name>
    <message>
        <source>Kode alasan</source>
        <extracomment>case data key -&gt; label (marked for translation; shown through :func:`data_label`)</extracomment>
        <translation>Reason code</translation>
    </message>
    <message>
        <source>Alasan penonaktifan</source>
        <translation>Reason for deactivation</translation>
    </message>
    <message>
        <source>Bukti pendukung</source>
        <translation>Supporting evidence</translation>
    </message>
    <message>
        <source>Status di BPJS</source>
        <translation>Status at BPJS</translation>
    </message>
    <message>
        <source>Nonaktif sejak</source>
        <translation>Inactive since</translation>
    </message>
    <message>
        <source>Daya listrik (VA)</source>
        <translation>Electricity supply (VA)</translation>
    </message>
    <message>
        <source>Jumlah tanggungan</source>
        <translation>Number of dependants</translation>
    </message>
    <message>
        <source>Skor indikator</source>
        <translation>Indicator score</translation>
    </message>
    <message>
        <source>Desil DTSEN</source>
        <translation>DTSEN decile</translation>
    </message>
    <message>
        <source>ID DTSEN</source>
        <translation>DTSEN ID</translation>
    </message>
    <message>
        <source>Keterangan darurat</source>
        <translation>Emergency details</translation>
    </message>
    <message>
        <source>Periode kuota</source>
        <translation>Quota period</translation>
    </message>
    <message>
        <source>Hasil verifikasi</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Peringatan NIK</source>
        <translation>NIK warnings</translation>
    </message>
    <message>
        <source>Peringkat</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Keputusan</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Berkas lengkap pada</source>
        <translation>Case complete on</translation>
    </message>
    <message>
        <source>Tanggal rekap</source>
        <translation>Summary date</translation>
    </message>
    <message>
        <source>Jendela usulan</source>
        <translation>Proposal window</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <source>Berkas</source>
        <translation>Case</translation>
    </message>
</context>
<context>
    <name>CaseDetailView</name>
    <message>
        <source>{n} menit</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} jam</source>
        <translation>{n} hours</translation>
    </message>
    <message>
        <source>{n} hari</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>Memuat berkas…</source>
        <translation>Loading the case…</translation>
    </message>
    <message>
        <source>&amp;Selesaikan langkah ini</source>
        <translation>&amp;Complete this step</translation>
    </message>
    <message>
        <source>&amp;Paraf</source>
        <translation>&amp;Initial</translation>
    </message>
    <message>
        <source>&amp;Kembalikan untuk perbaikan…</source>
        <translation>Return for &amp;correction…</translation>
    </message>
    <message>
        <source>&amp;Tolak…</source>
        <translation>&amp;Reject…</translation>
    </message>
    <message>
        <source>Tolak: berkas tidak &amp;lengkap</source>
        <translation>Reject: case &amp;incomplete</translation>
    </message>
    <message>
        <source>Selesaikan langkah ini dan teruskan berkas (Ctrl+Enter)</source>
        <translation>Finish this step and pass the file on (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Beri paraf pada giliran Anda (Ctrl+Enter)</source>
        <translation>Initial it when it is your turn (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Kembalikan ke langkah sebelumnya dengan alasan; bukan penolakan</source>
        <translation>Send back to an earlier step with a reason; not a refusal</translation>
    </message>
    <message>
        <source>Tutup berkas sebagai ditolak, dengan alasan</source>
        <translation>Close the file as refused, with a reason</translation>
    </message>
    <message>
        <source>Catatan untuk langkah ini (tidak wajib)</source>
        <translation>Note for this step (optional)</translation>
    </message>
    <message>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Nilai</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Langkah</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Selesai pada</source>
        <translation>Finished at</translation>
    </message>
    <message>
        <source>Lama</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Standar</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Surat</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Terbit</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Prat&amp;injau</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <source>Menampilkan halaman surat arsip untuk diperiksa, dicetak atau disimpan (klik dua kali pada baris surat)</source>
        <translation>Shows the pages of the archived letter to check, print or save (or double-click the letter row)</translation>
    </message>
    <message>
        <source>Cetak ulang (Word)</source>
        <translation>Reprint (Word)</translation>
    </message>
    <message>
        <source>Membuka arsip surat yang sama persis (diperiksa SHA-256) untuk dicetak</source>
        <translation>Opens the exact archived letter (checked by SHA-256) for printing</translation>
    </message>
    <message>
        <source>Cetak ulang (PDF)</source>
        <translation>Reprint (PDF)</translation>
    </message>
    <message>
        <source>Simpan salinan…</source>
        <translation>Save a copy…</translation>
    </message>
    <message>
        <source>Batalkan nomor surat…</source>
        <translation>Void the letter number…</translation>
    </message>
    <message>
        <source>Kabari pemohon (&amp;WhatsApp)…</source>
        <translation>Message the applicant (&amp;WhatsApp)…</translation>
    </message>
    <message>
        <source>Tanda terima: nomor registrasi dan persyaratan yang kurang. Surat lain: surat siap diambil.</source>
        <translation>Receipt: registration number and missing requirements. Other letters: ready to be picked up.</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <source>P&amp;ersyaratan</source>
        <translation>R&amp;equirements</translation>
    </message>
    <message>
        <source>&amp;Riwayat langkah</source>
        <translation>Step &amp;history</translation>
    </message>
    <message>
        <source>S&amp;urat</source>
        <translation>Le&amp;tters</translation>
    </message>
    <message>
        <source>&amp;Lampiran</source>
        <translation>&amp;Attachments</translation>
    </message>
    <message>
        <source>Berkas {reg} — {name}</source>
        <translation>Case {reg} — {name}</translation>
    </message>
    <message>
        <source>Langkah sekarang: &lt;b&gt;{step}&lt;/b&gt; — oleh {roles}</source>
        <translation>Current step: &lt;b&gt;{step}&lt;/b&gt; — by {roles}</translation>
    </message>
    <message>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Paraf sudah: {done}; menunggu paraf &lt;b&gt;{next}&lt;/b&gt;</source>
        <translation>Initialled by: {done}; awaiting the initials of &lt;b&gt;{next}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Tenggat {due}</source>
        <translation>Due {due}</translation>
    </message>
    <message>
        <source>DARURAT</source>
        <translation>URGENT</translation>
    </message>
    <message>
        <source>Diterima {at} di {counter}</source>
        <translation>Received {at} at {counter}</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>Status: &lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Lampiran ({count})</source>
        <translation>&amp;Attachments ({count})</translation>
    </message>
    <message>
        <source>dicatat {at} oleh {by}</source>
        <translation>recorded {at} by {by}</translation>
    </message>
    <message>
        <source>Perhatian — tanda pada berkas ini:</source>
        <translation>Attention — flags on this case:</translation>
    </message>
    <message>
        <source>Hubungan dalam keluarga</source>
        <translation>Relationship in the family</translation>
    </message>
    <message>
        <source>Konfirmasi BPJS</source>
        <translation>BPJS confirmation</translation>
    </message>
    <message>
        <source>Lembar skor</source>
        <translation>Score sheet</translation>
    </message>
    <message>
        <source>{total} dari {maximum} (batas {cutoff}); terpenuhi: {met}</source>
        <translation>{total} of {maximum} (threshold {cutoff}); met: {met}</translation>
    </message>
    <message>
        <source>Keputusan alur</source>
        <translation>Routing decision</translation>
    </message>
    <message>
        <source>Dikembalikan</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>{at} oleh {by}: {reason}</source>
        <translation>{at} by {by}: {reason}</translation>
    </message>
    <message>
        <source>(tidak wajib)</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <source>Belum ada: {items}.</source>
        <translation>Still missing: {items}.</translation>
    </message>
    <message>
        <source>✓ Persyaratan lengkap.</source>
        <translation>✓ Requirements complete.</translation>
    </message>
    <message>
        <source>Mulai {at}</source>
        <translation>Started {at}</translation>
    </message>
    <message>
        <source>Melebihi standar waktu langkah ini</source>
        <translation>Over the standard time of this step</translation>
    </message>
    <message>
        <source>dibatalkan: {reason}</source>
        <translation>voided: {reason}</translation>
    </message>
    <message>
        <source>terbit</source>
        <translation>issued</translation>
    </message>
    <message>
        <source>Tanda tangani dan terbitkan {title}</source>
        <translation>Sign and issue {title}</translation>
    </message>
    <message>
        <source>Terbitkan {title}</source>
        <translation>Issue {title}</translation>
    </message>
    <message>
        <source>Buka konsep di Word</source>
        <translation>Open draft in Word</translation>
    </message>
    <message>
        <source>Dibuat pada langkahnya, oleh perannya: {letters}</source>
        <translation>Made at their steps, by their roles: {letters}</translation>
    </message>
    <message>
        <source>(surat kolektif diterbitkan bersama rekap bulanan)</source>
        <translation>(collective letters are issued with the monthly summary)</translation>
    </message>
    <message>
        <source>&amp;Konsep surat</source>
        <translation>Letter &amp;draft</translation>
    </message>
    <message>
        <source>Kirim nomor registrasi dan persyaratan yang kurang ke WhatsApp pemohon</source>
        <translation>Send the registration number and the missing requirements to the applicant&apos;s WhatsApp</translation>
    </message>
    <message>
        <source>Kabari pemohon bahwa surat ini siap diambil (WhatsApp)</source>
        <translation>Tell the applicant this letter is ready to be picked up (WhatsApp)</translation>
    </message>
    <message>
        <source>Simpan salinan surat ke folder</source>
        <translation>Save a copy of the letter to a folder</translation>
    </message>
    <message>
        <source>Salinan disimpan: {path}</source>
        <translation>Copy saved: {path}</translation>
    </message>
    <message>
        <source>Batalkan nomor surat</source>
        <translation>Void the letter number</translation>
    </message>
    <message>
        <source>Surat {number} dibatalkan; nomornya tetap tercatat di register dan tidak dipakai lagi.</source>
        <translation>Letter {number} is voided; its number stays in the register and is not used again.</translation>
    </message>
    <message>
        <source>Kembalikan untuk perbaikan</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <source>Berkas dikembalikan ke langkah yang sudah dilalui; ini bukan penolakan.</source>
        <translation>The case goes back to an earlier step; this is not a rejection.</translation>
    </message>
    <message>
        <source>Isi dahulu: {fields}.</source>
        <translation>Fill in first: {fields}.</translation>
    </message>
    <message>
        <source>Tolak berkas</source>
        <translation>Reject the case</translation>
    </message>
    <message>
        <source>Berkas ditutup sebagai DITOLAK. Alasan disampaikan kepada pemohon.</source>
        <translation>The case is closed as REJECTED. The reason is given to the applicant.</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <source>Semua waktu</source>
        <extracomment>table column -&gt; sort key of :func:`case_queries.page_cases` (others are not sortable); open DARURAT cases head the list in every order</extracomment>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>7 hari terakhir</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Rentang tanggal…</source>
        <translation>Date range…</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Daftar berkas&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Case register&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Semua loket</source>
        <translation>All counters</translation>
    </message>
    <message>
        <source>Hanya yang &amp;belum selesai</source>
        <translation>Only &amp;unfinished</translation>
    </message>
    <message>
        <source>&amp;Layanan:</source>
        <translation>S&amp;ervice:</translation>
    </message>
    <message>
        <source>Lan&amp;gkah:</source>
        <translation>Ste&amp;p:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>L&amp;oket:</source>
        <translation>C&amp;ounter:</translation>
    </message>
    <message>
        <source>&amp;Periode:</source>
        <translation>Pe&amp;riod:</translation>
    </message>
    <message>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>&lt;small&gt;Klik judul kolom untuk mengurutkan; berkas DARURAT yang belum selesai selalu di atas. NIK disamarkan di daftar; NIK lengkap ada di layar berkas bagi petugas yang memerlukannya.&lt;/small&gt;</source>
        <translation>&lt;small&gt;Click a column title to sort; open URGENT files always come first. NIKs are masked in the list; the full NIK is on the file screen for officers who need it.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Semua layanan</source>
        <translation>All services</translation>
    </message>
    <message>
        <source>Semua langkah</source>
        <translation>All steps</translation>
    </message>
    <message>
        <source>Pilih layanan dahulu</source>
        <translation>Choose a service first</translation>
    </message>
    <message>
        <source>&lt;b&gt;{total}&lt;/b&gt; berkas</source>
        <translation>&lt;b&gt;{total}&lt;/b&gt; cases</translation>
    </message>
    <message>
        <source> (dimuat {shown}; gulir untuk memuat berikutnya)</source>
        <translation> ({shown} loaded; scroll to load more)</translation>
    </message>
</context>
<context>
    <name>CaseStatus</name>
    <message>
        <source>Penerimaan</source>
        <extracomment>status code -&gt; Indonesian label (marked for translation; show it through :func:`status_label`)</extracomment>
        <translation>Intake</translation>
    </message>
    <message>
        <source>Diproses</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Keterangan</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>No. registrasi</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>Darurat</source>
        <extracomment>column key -&gt; title (marked for translation)</extracomment>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Langkah sekarang</source>
        <translation>Current step</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Kasus darurat (rawat inap, persalinan, gawat darurat): didahulukan</source>
        <translation>Urgent case (inpatient, childbirth, emergency): served first</translation>
    </message>
    <message>
        <source>Tenggat</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Lewat tenggat</source>
        <extracomment>the queue: what matters at the counter, fitting 1366 px without scrolling sideways the register and the other lists: the same plus the masked NIK and when the case was received columns that take the width left over (long names are elided; the full text is the cell&apos;s tooltip)</extracomment>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Menunggu Anda</source>
        <translation>Waiting for you</translation>
    </message>
    <message>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Menunggu berkas pemohon</source>
        <translation>Waiting for the applicant&apos;s documents</translation>
    </message>
    <message>
        <source>DARURAT</source>
        <translation>URGENT</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <source>Persyaratan yang diterima</source>
        <translation>Requirements received</translation>
    </message>
    <message>
        <source>Centang setiap dokumen yang diserahkan pemohon. Berkas yang belum lengkap tetap disimpan dan dapat dilanjutkan.</source>
        <translation>Tick each document the applicant hands in. An incomplete case is still saved and can be continued.</translation>
    </message>
    <message>
        <source>Centang setiap dokumen yang diserahkan. Layanan ini: berkas tidak lengkap tidak diproses; pemohon diberi tahu kekurangannya.</source>
        <translation>Tick each document handed in. For this service an incomplete case is not processed; the applicant is told what is missing.</translation>
    </message>
    <message>
        <source>(tidak wajib)</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <source>(salah satu cukup)</source>
        <translation>(one of these is enough)</translation>
    </message>
    <message>
        <source>Semua &amp;diterima</source>
        <translation>All &amp;received</translation>
    </message>
    <message>
        <source>&lt;small&gt;Hasil pindaian dapat dilampirkan dengan tombol &lt;b&gt;Lampirkan…&lt;/b&gt; atau diseret ke baris persyaratannya (PDF, JPG, PNG, TIFF). Lampiran disimpan bersama berkas.&lt;/small&gt;</source>
        <translation>&lt;small&gt;Scans can be attached with the &lt;b&gt;Attach…&lt;/b&gt; button or dragged onto the requirement&apos;s row (PDF, JPG, PNG, TIFF). Attachments are saved with the case.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>✓ Berkas lengkap. Standar waktu layanan mulai dihitung saat disimpan.</source>
        <translation>✓ Case complete. The service standard time starts when it is saved.</translation>
    </message>
    <message>
        <source>Belum ada: {items}.</source>
        <translation>Still missing: {items}.</translation>
    </message>
    <message>
        <source>lampiran</source>
        <translation>attachment</translation>
    </message>
    <message>
        <source>Lampirkan pindaian: {label}</source>
        <translation>Attach scans: {label}</translation>
    </message>
    <message>
        <source>Pindaian (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Berkas &apos;{name}&apos; sudah dilampirkan.</source>
        <translation>The file &apos;{name}&apos; is already attached.</translation>
    </message>
    <message>
        <source>✓ Dilampirkan: {files}.</source>
        <translation>✓ Attached: {files}.</translation>
    </message>
    <message>
        <source>lain-lain</source>
        <translation>other</translation>
    </message>
</context>
<context>
    <name>ComplaintsView</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Pokok pengaduan</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Pengadu</source>
        <translation>Complainant</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Tenggat</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Pengaduan&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Complaints&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Hanya yang &amp;lewat tenggat</source>
        <translation>Only &amp;overdue</translation>
    </message>
    <message>
        <source>&amp;Catat pengaduan baru…</source>
        <translation>&amp;Record a new complaint…</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Pengaduan terpilih</source>
        <translation>Selected complaint</translation>
    </message>
    <message>
        <source>Pilih pengaduan di daftar.</source>
        <translation>Choose a complaint in the list.</translation>
    </message>
    <message>
        <source>Tulis tindak lanjut atau jawaban kepada pengadu…</source>
        <translation>Write the follow-up or the answer to the complainant…</translation>
    </message>
    <message>
        <source>Catat &amp;tindak lanjut</source>
        <translation>Record &amp;follow-up</translation>
    </message>
    <message>
        <source>Kirim &amp;jawaban</source>
        <translation>Send &amp;answer</translation>
    </message>
    <message>
        <source>Jawab dengan s&amp;urat</source>
        <translation>Answer with a l&amp;etter</translation>
    </message>
    <message>
        <source>Jawaban dicatat dan Surat Jawaban Pengaduan diterbitkan bernomor (ditandatangani Kepala Dinas)</source>
        <translation>The answer is recorded and a numbered complaint answer letter is issued (signed by the Head of the Office)</translation>
    </message>
    <message>
        <source>&amp;Selesaikan</source>
        <translation>&amp;Close complaint</translation>
    </message>
    <message>
        <source> — LEWAT TENGGAT</source>
        <translation> — OVERDUE</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count}&lt;/b&gt; pengaduan · &lt;b style=&apos;color:#b00020&apos;&gt;{late}&lt;/b&gt; lewat tenggat</source>
        <translation>&lt;b&gt;{count}&lt;/b&gt; complaints · &lt;b style=&apos;color:#b00020&apos;&gt;{late}&lt;/b&gt; overdue</translation>
    </message>
    <message>
        <source>Kanal: {channel}</source>
        <translation>Channel: {channel}</translation>
    </message>
    <message>
        <source>, tiket LAPOR! {ticket}</source>
        <translation>, LAPOR! ticket {ticket}</translation>
    </message>
    <message>
        <source>Pengadu: {name} {contact}</source>
        <translation>Complainant: {name} {contact}</translation>
    </message>
    <message>
        <source>Diterima {received}; tenggat {due} (standar {standard}: {state}); status &lt;b&gt;{status}&lt;/b&gt;</source>
        <translation>Received {received}; due {due} (standard {standard}: {state}); status &lt;b&gt;{status}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Surat jawaban: &lt;b&gt;{number}&lt;/b&gt; (cetak dari Surat → Arsip)</source>
        <translation>Answer letter: &lt;b&gt;{number}&lt;/b&gt; (print it from Letters → Archive)</translation>
    </message>
    <message>
        <source>Uraian: {text}</source>
        <translation>Description: {text}</translation>
    </message>
    <message>
        <source>Tindak lanjut ({at}): {text}</source>
        <translation>Follow-up ({at}): {text}</translation>
    </message>
    <message>
        <source>Jawaban ({at}): {text}</source>
        <translation>Answer ({at}): {text}</translation>
    </message>
</context>
<context>
    <name>CounterSettingsView</name>
    <message>
        <source>&lt;h3&gt;Loket dan pesan kepada pemohon&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Counter and messages to applicants&lt;/h3&gt;</translation>
    </message>
    <message>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>Kunci layar otomatis setelah tidak ada aktivitas:</source>
        <translation>Lock the screen automatically after no activity for:</translation>
    </message>
    <message>
        <source>&lt;small&gt;Berlaku di setiap loket pada masuk berikutnya. Ctrl+L mengunci layar kapan saja.&lt;/small&gt;</source>
        <translation>&lt;small&gt;Applies at every counter from the next sign-in. Ctrl+L locks the screen at any time.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Pesan WhatsApp: tanda terima berkas</source>
        <translation>WhatsApp message: file receipt</translation>
    </message>
    <message>
        <source>Pesan WhatsApp: surat siap diambil</source>
        <translation>WhatsApp message: letter ready to be picked up</translation>
    </message>
    <message>
        <source>&lt;small&gt;Isian: {names}&lt;/small&gt;</source>
        <translation>&lt;small&gt;Placeholders: {names}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&amp;Simpan pengaturan</source>
        <translation>&amp;Save settings</translation>
    </message>
    <message>
        <source>&lt;small&gt;Contoh:&lt;/small&gt;&lt;br&gt;</source>
        <translation>&lt;small&gt;Example:&lt;/small&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>Tersimpan.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>&lt;h2&gt;Dasbor&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Dashboard&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt; Bulan &amp;sebelumnya</source>
        <translation>&lt; &amp;Previous month</translation>
    </message>
    <message>
        <source>Bulan &amp;berikutnya &gt;</source>
        <translation>&amp;Next month &gt;</translation>
    </message>
    <message>
        <source>Muat ulang</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Berkas masuk per layanan dan status</source>
        <translation>Incoming cases by service and status</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Ketepatan waktu per langkah (terhadap standar menit)</source>
        <translation>Timeliness per step (against the standard minutes)</translation>
    </message>
    <message>
        <source>Lewat tenggat standar waktu layanan</source>
        <translation>Past the service-time standard</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Dasbor — {month}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Dashboard — {month}&lt;/h2&gt;</translation>
    </message>
</context>
<context>
    <name>DateLine</name>
    <message>
        <source>HH-BB-TTTT JJ.MM</source>
        <extracomment>room left for the window frame and title bar, and the taskbar&apos;s share of the screen not in availableGeometry</extracomment>
        <translation>DD-MM-YYYY HH.MM</translation>
    </message>
    <message>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
    <message>
        <source>Ketik tanggal, mis. 15-09-2026, atau pilih dari kalender</source>
        <translation>Type the date, e.g. 15-09-2026, or pick it from the calendar</translation>
    </message>
    <message>
        <source>Pilih dari kalender</source>
        <translation>Pick from the calendar</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; bukan tanggal; tulis HH-BB-TTTT, mis. 15-09-2026.</source>
        <translation>&apos;{text}&apos; is not a date; write DD-MM-YYYY, e.g. 15-09-2026.</translation>
    </message>
    <message>
        <source>Tanggal {text} tidak ada di kalender.</source>
        <translation>There is no date {text} in the calendar.</translation>
    </message>
    <message>
        <source>Tulis juga jamnya (JJ.MM), mis. 15-09-2026 09.30.</source>
        <translation>Write the time too (HH.MM), e.g. 15-09-2026 09.30.</translation>
    </message>
</context>
<context>
    <name>DayDialog</name>
    <message>
        <source>&amp;Tanggal:</source>
        <translation>&amp;Date:</translation>
    </message>
</context>
<context>
    <name>DeactivatedOnPage</name>
    <message>
        <source>Isi tanggal nonaktif kepesertaan (lihat cek status di BPJS), mis. 15-09-2026.</source>
        <translation>Enter the date the membership became inactive (see the status check at BPJS), e.g. 15-09-2026.</translation>
    </message>
</context>
<context>
    <name>DeactivationPage</name>
    <message>
        <source>Alasan penonaktifan</source>
        <translation>Reason for deactivation</translation>
    </message>
    <message>
        <source>Pilih alasan penonaktifan KIS PBI-APBD. Proses di BPJS Kesehatan memerlukan waktu sekitar 1 bulan; sampaikan kepada pemohon.</source>
        <translation>Choose the reason for deactivating the KIS PBI-APBD. Processing at BPJS Kesehatan takes about 1 month; tell the applicant.</translation>
    </message>
    <message>
        <source>Peserta meninggal dunia: catat pelapornya (nama, NIK, hubungan).</source>
        <translation>The participant has died: record who reports it (name, NIK, relation).</translation>
    </message>
    <message>
        <source>Alasan: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>Bukti: {evidence}</source>
        <translation>Evidence: {evidence}</translation>
    </message>
    <message>
        <source>Pelapor: {name} ({relation}), NIK {nik}</source>
        <translation>Reporter: {name} ({relation}), NIK {nik}</translation>
    </message>
</context>
<context>
    <name>DraftsPanel</name>
    <message>
        <source>Draf tersimpan</source>
        <translation>Saved drafts</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Disimpan</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source>&amp;Lanjutkan</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <source>&amp;Hapus draf</source>
        <translation>&amp;Delete draft</translation>
    </message>
    <message>
        <source>Anda</source>
        <translation>You</translation>
    </message>
    <message>
        <source>Draf tersimpan ({count})</source>
        <translation>Saved drafts ({count})</translation>
    </message>
    <message>
        <source>Hapus draf</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <source>Hapus draf {service} atas nama {name} beserta salinan lampirannya? Tindakan ini tidak dapat dibatalkan.</source>
        <translation>Delete the {service} draft for {name} together with its copies of the attachments? This cannot be undone.</translation>
    </message>
    <message>
        <source>Draf dihapus.</source>
        <translation>Draft deleted.</translation>
    </message>
</context>
<context>
    <name>DtsenImportView</name>
    <message>
        <source>&lt;h2&gt;Impor data {label}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Import {label} data&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Pilih berkas daftar by-name-by-address yang diunduh (CSV atau XLSX). Kolom dikenali dari judulnya.
Impor berjalan utuh atau tidak sama sekali; baris yang ditolak dicatat beserta alasannya.</source>
        <translation>Choose the downloaded by-name-by-address list (CSV or XLSX). Columns are recognised by their headings.
The import runs completely or not at all; refused rows are recorded with their reason.</translation>
    </message>
    <message>
        <source>&amp;Pilih berkas dan impor…</source>
        <translation>&amp;Choose a file and import…</translation>
    </message>
    <message>
        <source>&amp;Batalkan</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <source>Berkas DTSEN</source>
        <translation>DTSEN file</translation>
    </message>
    <message>
        <source>Daftar DTSEN (*.csv *.xlsx);;Semua (*)</source>
        <translation>DTSEN lists (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Mengimpor {file}…</source>
        <translation>Importing {file}…</translation>
    </message>
    <message>
        <source>{count} baris dibaca…</source>
        <translation>{count} rows read…</translation>
    </message>
    <message>
        <source>Membatalkan…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>DtsenLookupView</name>
    <message>
        <source>&lt;h2&gt;Cek NIK di {label}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Check a NIK in {label}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Ketik 16 digit NIK dari KTP/KK lalu tekan Enter.</source>
        <translation>Type the 16-digit NIK from the KTP (ID card) or KK (family card), then press Enter.</translation>
    </message>
    <message>
        <source>16 digit NIK</source>
        <translation>16-digit NIK</translation>
    </message>
    <message>
        <source>&amp;Cari</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>No KK</source>
        <translation>KK no. (family card)</translation>
    </message>
    <message>
        <source>Tempat, tanggal lahir</source>
        <translation>Place and date of birth</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Kelurahan, kecamatan</source>
        <translation>Kelurahan, kecamatan (village, district)</translation>
    </message>
    <message>
        <source>Desil</source>
        <translation>Decile (desil)</translation>
    </message>
    <message>
        <source>ID DTSEN</source>
        <translation>DTSEN ID</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>&lt;small&gt;{count} data DTSEN tersimpan di komputer ini.&lt;/small&gt;</source>
        <translation>&lt;small&gt;{count} DTSEN records stored on this computer.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>perempuan</source>
        <translation>female</translation>
    </message>
    <message>
        <source>laki-laki</source>
        <translation>male</translation>
    </message>
    <message>
        <source>tanggal tidak lazim</source>
        <translation>unusual date</translation>
    </message>
    <message>
        <source>✓ NIK sah: {sex}, lahir {born}, Provinsi {province}.</source>
        <translation>✓ Valid NIK: {sex}, born {born}, province {province}.</translation>
    </message>
    <message>
        <source> Perhatian: {warnings}</source>
        <translation> Note: {warnings}</translation>
    </message>
    <message>
        <source>Mencari…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TIDAK TERDAFTAR&lt;/h3&gt;NIK {nik} tidak ada di data {label} yang diimpor. Untuk pengajuan PBI JK, berkas perlu verifikasi dan validasi lapangan oleh fasilitator.</source>
        <translation>&lt;h3&gt;NOT REGISTERED&lt;/h3&gt;NIK {nik} is not in the imported {label} data. For a PBI JK application the case needs field verification and validation by a facilitator.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TERDAFTAR di {label}&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;REGISTERED in {label}&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>{kelurahan}, {kecamatan} (kode {code})</source>
        <translation>{kelurahan}, {kecamatan} (code {code})</translation>
    </message>
    <message>
        <source>belum diperingkat (0)</source>
        <translation>not yet ranked (0)</translation>
    </message>
</context>
<context>
    <name>DtsenPage</name>
    <message>
        <source>Impor DTSEN sekarang atau nanti</source>
        <translation>Import DTSEN now or later</translation>
    </message>
    <message>
        <source>Pilih ekstrak DTSEN (dahulu DTKS) yang diunduh — CSV atau XLSX — agar NIK dapat dicek sejak hari pertama. Boleh dilewati: impor dapat dilakukan kapan saja dari menu Impor DTSEN.</source>
        <translation>Choose the downloaded DTSEN extract (formerly DTKS) — CSV or XLSX — so NIKs can be checked from the first day. You may skip this: the import can be done at any time from the Import DTSEN data screen.</translation>
    </message>
    <message>
        <source>Tidak ada berkas dipilih: impor nanti.</source>
        <translation>No file chosen: import later.</translation>
    </message>
    <message>
        <source>&amp;Pilih berkas DTSEN…</source>
        <translation>&amp;Choose a DTSEN file…</translation>
    </message>
    <message>
        <source>&amp;Nanti saja</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <source>&amp;Batalkan impor</source>
        <translation>C&amp;ancel import</translation>
    </message>
    <message>
        <source>Berkas DTSEN</source>
        <translation>DTSEN file</translation>
    </message>
    <message>
        <source>Daftar DTSEN (*.csv *.xlsx);;Semua (*)</source>
        <translation>DTSEN lists (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Diimpor setelah penyiapan disimpan: {path}</source>
        <translation>Imported after the set-up has been saved: {path}</translation>
    </message>
    <message>
        <source>Perhatian</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>Berkas {path} tidak ditemukan.</source>
        <translation>File {path} was not found.</translation>
    </message>
    <message>
        <source>Berkas DTSEN harus CSV atau XLSX.</source>
        <translation>The DTSEN file must be CSV or XLSX.</translation>
    </message>
</context>
<context>
    <name>ErrorReportDialog</name>
    <message>
        <source>Terjadi kesalahan tak terduga</source>
        <translation>An unexpected error occurred</translation>
    </message>
    <message>
        <source>Maaf, terjadi kesalahan yang tidak terduga. Aplikasi tetap berjalan dan data yang sudah tersimpan aman.
Salin laporan di bawah ini dan kirimkan ke administrator.</source>
        <translation>Sorry, an unexpected error occurred. The application keeps running and the data already saved is safe.
Copy the report below and send it to the administrator.</translation>
    </message>
    <message>
        <source>Salin laporan</source>
        <translation>Copy report</translation>
    </message>
    <message>
        <source>Perhatian</source>
        <translation>Attention</translation>
    </message>
</context>
<context>
    <name>FieldInputs</name>
    <message>
        <source>{field} belum diisi</source>
        <extracomment>any field changed</extracomment>
        <translation>{field} not filled in yet</translation>
    </message>
</context>
<context>
    <name>FirstDayPanel</name>
    <message>
        <source>Persiapan hari pertama</source>
        <translation>First-day set-up</translation>
    </message>
    <message>
        <source>Sebelum pemohon pertama dilayani, lengkapi hal berikut. Tanda ✓ muncul sendiri bila datanya sudah ada.</source>
        <translation>Before the first applicant is served, complete the following. The ✓ appears by itself once the data is there.</translation>
    </message>
    <message>
        <source>Buka…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>Ubah…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <source>Kerjakan…</source>
        <translation>Do it…</translation>
    </message>
    <message>
        <source>Persiapan hari pertama: {done} dari {total} selesai</source>
        <translation>First-day set-up: {done} of {total} done</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Loket PBI — Penyiapan pertama</source>
        <translation>Loket PBI — First set-up</translation>
    </message>
    <message>
        <source>&amp;Lanjut &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Kembali</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Selesai</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>&amp;Pulihkan dari cadangan…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <source>Memindahkan kantor ke komputer baru atau memulihkan setelah kerusakan: pasang data kantor dari berkas cadangan (.zip.enc atau .zip) alih-alih menyiapkan kantor baru.</source>
        <translation>Moving the office to a new PC or recovering after a failure: install the office&apos;s data from a backup file (.zip.enc or .zip) instead of setting up a new office.</translation>
    </message>
    <message>
        <source>Perhatian</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>Kunci pemulihan</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>Kunci pemulihan tidak dapat ditampilkan: {error} Administrator dapat menampilkannya sekali dengan perintah loket-pbi recovery-key --show.</source>
        <translation>The recovery key cannot be shown: {error} The administrator can show it once with the command loket-pbi recovery-key --show.</translation>
    </message>
    <message>
        <source>Penyiapan tersimpan. Mengimpor {file}…</source>
        <translation>Set-up saved. Importing {file}…</translation>
    </message>
    <message>
        <source>Mengimpor DTSEN: {count} baris dibaca…</source>
        <translation>Importing DTSEN: {count} rows read…</translation>
    </message>
    <message>
        <source>Membatalkan impor…</source>
        <translation>Cancelling the import…</translation>
    </message>
    <message>
        <source>{summary}
Penyiapan selesai. Klik Selesai untuk masuk.</source>
        <translation>{summary}
Set-up complete. Click Finish to sign in.</translation>
    </message>
    <message>
        <source>Penyiapan kantor tetap tersimpan; impor dapat diulang dari menu Impor DTSEN setelah masuk.</source>
        <translation>The office set-up stays saved; the import can be repeated from the Import DTSEN data screen after signing in.</translation>
    </message>
    <message>
        <source>Impor dibatalkan; tidak ada data DTSEN yang diubah. {later}</source>
        <translation>Import cancelled; no DTSEN data was changed. {later}</translation>
    </message>
    <message>
        <source>Impor gagal: {error} {later}</source>
        <translation>Import failed: {error} {later}</translation>
    </message>
    <message>
        <source>Impor gagal. {later}</source>
        <translation>Import failed. {later}</translation>
    </message>
    <message>
        <source>Berkas cadangan</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <source>Semua (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Membatalkan…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Pemulihan tidak dilakukan: {error}</source>
        <translation>Nothing was restored: {error}</translation>
    </message>
    <message>
        <source>Pemulihan tidak dilakukan.</source>
        <translation>Nothing was restored.</translation>
    </message>
    <message>
        <source>Memeriksa {file}…</source>
        <translation>Checking {file}…</translation>
    </message>
    <message>
        <source>Cadangan {file} utuh: dibuat {created} (UTC) oleh Loket PBI {version}; {users} pengguna aktif, {cases} berkas kasus.

Data kantor di dalam cadangan ini dipasang di komputer ini sebagai pengganti penyiapan kantor baru. Masuk dengan nama pengguna dan kata sandi administrator kantor itu (seperti di komputer lama).</source>
        <translation>Backup {file} is sound: made {created} (UTC) by Loket PBI {version}; {users} active users, {cases} cases.

The office data in this backup is installed on this PC instead of setting up a new office. Sign in with the username and password of that office&apos;s administrator (as on the old PC).</translation>
    </message>
    <message>
        <source>Memulihkan {file}… jangan matikan komputer.</source>
        <translation>Restoring {file}… do not switch off the computer.</translation>
    </message>
</context>
<context>
    <name>FormsButton</name>
    <message>
        <source>Cetak &amp;formulir…</source>
        <translation>Print &amp;forms…</translation>
    </message>
    <message>
        <source>Formulir untuk pemohon, terisi data yang sudah ada; bagian bertitik diisi tangan</source>
        <translation>Forms for the applicant, filled with what is known; the dotted parts are written by hand</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>Data pemohon berbeda</source>
        <translation>Applicant data differ</translation>
    </message>
    <message>
        <source>Data di KTP, di DTSEN dan yang tersimpan tidak sama. Periksa KTP/KK asli bersama pemohon dan pilih yang benar untuk setiap baris. Mengubah data tersimpan dicatat sebagai koreksi (lama → baru) di log audit.</source>
        <translation>The data on the KTP, in DTSEN and as stored are not the same. Check the original KTP/KK with the applicant and choose the right value in every row. Changing the stored data is recorded as a correction (old → new) in the audit log.</translation>
    </message>
    <message>
        <source>KTP (diketik)</source>
        <translation>KTP (typed)</translation>
    </message>
    <message>
        <source>DTSEN</source>
        <translation>DTSEN</translation>
    </message>
    <message>
        <source>Tersimpan</source>
        <translation>Stored</translation>
    </message>
    <message>
        <source>Alasan koreksi, mis. sesuai KTP asli yang diperlihatkan</source>
        <translation>Reason for the correction, e.g. as on the original KTP shown</translation>
    </message>
    <message>
        <source>Alasan koreksi data tersimpan:</source>
        <translation>Reason for correcting the stored data:</translation>
    </message>
    <message>
        <source>&amp;Pakai pilihan ini</source>
        <translation>&amp;Use this choice</translation>
    </message>
    <message>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Data tersimpan akan dikoreksi: tulis alasannya.</source>
        <translation>The stored data will be corrected: write the reason.</translation>
    </message>
</context>
<context>
    <name>IndicatorChecks</name>
    <message>
        <source>{label} &lt;i&gt;({points} poin)&lt;/i&gt;</source>
        <extracomment>the electricity loads on a PLN bill, offered in the list; any other number may be typed</extracomment>
        <translation>{label} &lt;i&gt;({points} points)&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>InputField</name>
    <message>
        <source>Hasil verifikasi lapangan</source>
        <extracomment>the registry&apos;s texts, for the translation file (tests/ui/test_input_fields.py checks that none is missing)</extracomment>
        <translation>Field verification result</translation>
    </message>
    <message>
        <source>— pilih hasil —</source>
        <translation>— choose the result —</translation>
    </message>
    <message>
        <source>Miskin (memenuhi kriteria)</source>
        <translation>Poor (meets the criteria)</translation>
    </message>
    <message>
        <source>Tidak miskin (berkas dikembalikan)</source>
        <translation>Not poor (file returned)</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Alasan bila tidak memenuhi kriteria</source>
        <translation>Reason if the criteria are not met</translation>
    </message>
    <message>
        <source>Status di BPJS</source>
        <translation>Status at BPJS</translation>
    </message>
    <message>
        <source>— pilih hasil cek status —</source>
        <translation>— choose the status check result —</translation>
    </message>
    <message>
        <source>Nonaktif</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Sudah aktif kembali</source>
        <translation>Already active again</translation>
    </message>
    <message>
        <source>Tanggal nonaktif</source>
        <translation>Inactive since</translation>
    </message>
    <message>
        <source>Dikonfirmasi oleh (BPJS)</source>
        <translation>Confirmed by (BPJS)</translation>
    </message>
    <message>
        <source>Nama petugas BPJS dan kantornya</source>
        <translation>Name of the BPJS officer and their office</translation>
    </message>
    <message>
        <source>Waktu konfirmasi</source>
        <translation>Confirmation time</translation>
    </message>
    <message>
        <source>Jawaban BPJS</source>
        <translation>BPJS answer</translation>
    </message>
    <message>
        <source>— pilih jawaban —</source>
        <translation>— choose the answer —</translation>
    </message>
    <message>
        <source>Dapat direaktivasi</source>
        <translation>Can be reactivated</translation>
    </message>
    <message>
        <source>Tidak dapat direaktivasi</source>
        <translation>Cannot be reactivated</translation>
    </message>
    <message>
        <source>Sudah aktif otomatis</source>
        <translation>Already active automatically</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Daya listrik (VA)</source>
        <translation>Electricity load (VA)</translation>
    </message>
    <message>
        <source>— pilih atau ketik VA —</source>
        <translation>— choose or type VA —</translation>
    </message>
    <message>
        <source>Jumlah tanggungan</source>
        <translation>Number of dependants</translation>
    </message>
    <message>
        <source>— isi —</source>
        <translation>— fill in —</translation>
    </message>
    <message>
        <source>Alasan penonaktifan</source>
        <translation>Deactivation reason</translation>
    </message>
    <message>
        <source>— pilih alasan —</source>
        <translation>— choose a reason —</translation>
    </message>
    <message>
        <source>Meninggal dunia</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <source>Pindah domisili</source>
        <translation>Moved domicile</translation>
    </message>
    <message>
        <source>Mampu / mandiri / menjadi peserta PPU</source>
        <translation>Able to pay / self-paying / became a wage-earner (PPU) member</translation>
    </message>
    <message>
        <source>Data ganda</source>
        <translation>Duplicate data</translation>
    </message>
    <message>
        <source>Data tidak valid</source>
        <translation>Invalid data</translation>
    </message>
    <message>
        <source>Bukti pendukung</source>
        <translation>Supporting evidence</translation>
    </message>
    <message>
        <source>mis. Surat Keterangan Kematian dari kelurahan</source>
        <translation>e.g. death certificate letter from the kelurahan</translation>
    </message>
    <message>
        <source>Pelapor (wajib bila peserta meninggal dunia)</source>
        <translation>Reporter (required if the participant has died)</translation>
    </message>
    <message>
        <source>Darurat</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <source>Keterangan darurat</source>
        <translation>Emergency description</translation>
    </message>
    <message>
        <source>mis. rawat inap di RSUD sejak 20-11-2026</source>
        <translation>e.g. inpatient at the regional hospital since 20-11-2026</translation>
    </message>
    <message>
        <source>Indikator hasil survei lapangan</source>
        <translation>Field survey indicators</translation>
    </message>
    <message>
        <source>Sudah dikonfirmasi ke BPJS cabang</source>
        <translation>Already confirmed with the BPJS branch</translation>
    </message>
</context>
<context>
    <name>JamkesdaPage</name>
    <message>
        <source>Rumah tangga dan indikator kemiskinan</source>
        <translation>Household and poverty indicators</translation>
    </message>
    <message>
        <source>Daya listrik dan tanggungan dari wawancara. Indikator ({title}, {basis}) diisi bila hasil survei lapangan sudah ada.</source>
        <translation>Electricity supply and dependants from the interview. The indicators ({title}, {basis}) are filled in once the field survey result is in.</translation>
    </message>
    <message>
        <source>Hasil survei lapangan sudah ada — isi indikator</source>
        <translation>Field survey result available — fill in the indicators</translation>
    </message>
    <message>
        <source>Skor dihitung setelah survei lapangan.</source>
        <translation>The score is calculated after the field survey.</translation>
    </message>
    <message>
        <source>memenuhi kriteria</source>
        <translation>meets the criteria</translation>
    </message>
    <message>
        <source>belum memenuhi kriteria</source>
        <translation>does not meet the criteria yet</translation>
    </message>
    <message>
        <source>&lt;b&gt;Skor {total}&lt;/b&gt; dari {maximum}; batas layak {cutoff} → {verdict}.</source>
        <translation>&lt;b&gt;Score {total}&lt;/b&gt; of {maximum}; eligibility threshold {cutoff} → {verdict}.</translation>
    </message>
    <message>
        <source>Daya listrik {va} VA, {dependants} tanggungan</source>
        <translation>Electricity {va} VA, {dependants} dependants</translation>
    </message>
    <message>
        <source>Skor indikator {total} dari {maximum} (batas {cutoff})</source>
        <translation>Indicator score {total} of {maximum} (threshold {cutoff})</translation>
    </message>
    <message>
        <source>Indikator: menunggu survei lapangan</source>
        <translation>Indicators: awaiting the field survey</translation>
    </message>
</context>
<context>
    <name>JamkesdaView</name>
    <message>
        <source>Layak (dalam kuota)</source>
        <translation>Eligible (within quota)</translation>
    </message>
    <message>
        <source>Daftar tunggu</source>
        <translation>Waiting list</translation>
    </message>
    <message>
        <source>Belum diperingkat</source>
        <translation>Not yet ranked</translation>
    </message>
    <message>
        <source>Peringkat</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>No. registrasi</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Skor</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Desil</source>
        <translation>Decile (desil)</translation>
    </message>
    <message>
        <source>Tanggungan</source>
        <translation>Dependants</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Keputusan</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Urutan karena</source>
        <translation>Placed below because</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Peringkat Jamkesda (PBI APBD)&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Jamkesda ranking (PBI APBD)&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>2026 atau 2026-11</source>
        <translation>2026 or 2026-11</translation>
    </message>
    <message>
        <source>&amp;Tampilkan</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <source>&amp;Jalankan peringkatan…</source>
        <translation>&amp;Run the ranking…</translation>
    </message>
    <message>
        <source>&amp;Periode kuota:</source>
        <translation>Quota &amp;period:</translation>
    </message>
    <message>
        <source>Peserta &amp;keluar…</source>
        <translation>Participant &amp;leaves…</translation>
    </message>
    <message>
        <source>Meninggal, pindah, dinonaktifkan…: kuota bebas dan daftar tunggu naik</source>
        <translation>Died, moved away, deactivated…: the quota place is freed and the waiting list moves up</translation>
    </message>
    <message>
        <source>Terbitkan permohonan &amp;SK Walikota…</source>
        <translation>Issue the Mayor&apos;s &amp;decree request…</translation>
    </message>
    <message>
        <source>Satu surat kolektif ke Bagian Kesra berisi peserta periode ini yang diterima BPJS (langkah Kepala Dinas)</source>
        <translation>One collective letter to the Kesra section listing this period&apos;s participants accepted by BPJS (Head of Agency step)</translation>
    </message>
    <message>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Lembar skor</source>
        <translation>Score sheet</translation>
    </message>
    <message>
        <source>Pilih pemohon untuk melihat lembar skornya.</source>
        <translation>Choose an applicant to see their score sheet.</translation>
    </message>
    <message>
        <source>&lt;small&gt;Satu peringkat per periode dan kuota, tanpa nilai kembar. Urutan prioritas: {order}. Pilih baris untuk melihat lembar skornya.&lt;/small&gt;</source>
        <translation>&lt;small&gt;One ranking per period and quota, with no ties. Priority order: {order}. Select a row to see its score sheet.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Keluar dari kuota</source>
        <translation>Left the quota</translation>
    </message>
    <message>
        <source>Prioritas UHC: semua pemohon yang memenuhi kriteria layak, tanpa kuota.</source>
        <translation>UHC priority: every applicant who meets the criteria is eligible, without a quota.</translation>
    </message>
    <message>
        <source>Kuota periode {period}: &lt;b&gt;{quota}&lt;/b&gt; peserta (iuran Rp{rupiah} per orang per bulan).</source>
        <translation>Quota for {period}: &lt;b&gt;{quota}&lt;/b&gt; participants (contribution Rp{rupiah} per person per month).</translation>
    </message>
    <message>
        <source>{quota} Layak: &lt;b&gt;{eligible}&lt;/b&gt; · daftar tunggu: &lt;b&gt;{waiting}&lt;/b&gt; · belum diperingkat: &lt;b&gt;{unranked}&lt;/b&gt;.</source>
        <translation>{quota} Eligible: &lt;b&gt;{eligible}&lt;/b&gt; · waiting list: &lt;b&gt;{waiting}&lt;/b&gt; · not yet ranked: &lt;b&gt;{unranked}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>memenuhi kriteria</source>
        <translation>meets the criteria</translation>
    </message>
    <message>
        <source>tidak memenuhi kriteria</source>
        <translation>does not meet the criteria</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;3&apos;&gt;&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th align=&apos;left&apos;&gt;Indikator&lt;/th&gt;&lt;th&gt;Poin&lt;/th&gt;&lt;/tr&gt;{lines}&lt;/table&gt;&lt;p&gt;Jumlah &lt;b&gt;{total}&lt;/b&gt; dari {maximum}; batas layak {cutoff} → {verdict}.&lt;br&gt;Desil {desil}, {dependants} tanggungan, diterima {received}.&lt;/p&gt;</source>
        <translation>&lt;table cellspacing=&apos;3&apos;&gt;&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th align=&apos;left&apos;&gt;Indicator&lt;/th&gt;&lt;th&gt;Points&lt;/th&gt;&lt;/tr&gt;{lines}&lt;/table&gt;&lt;p&gt;Total &lt;b&gt;{total}&lt;/b&gt; of {maximum}; eligibility threshold {cutoff} → {verdict}.&lt;br&gt;Decile {desil}, {dependants} dependants, received {received}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Peringkat &lt;b&gt;{rank}&lt;/b&gt;: {why}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Rank &lt;b&gt;{rank}&lt;/b&gt;: {why}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Jalankan peringkatan</source>
        <translation>Run the ranking</translation>
    </message>
    <message>
        <source>Peringkatan periode {period} menetapkan pemohon yang layak dalam kuota (berkasnya diteruskan ke pemberitahuan) dan daftar tunggu. Lanjutkan?</source>
        <translation>The ranking for {period} decides which applicants are eligible within the quota (their cases move on to notification) and who is on the waiting list. Continue?</translation>
    </message>
    <message>
        <source>Permohonan SK Walikota</source>
        <translation>Mayor&apos;s decree request</translation>
    </message>
    <message>
        <source>Belum ada peserta periode {period} yang diterima BPJS dan menunggu surat permohonan SK.{done}</source>
        <translation>No participant of period {period} accepted by BPJS is waiting for the decree request letter yet.{done}</translation>
    </message>
    <message>
        <source> Sudah diterbitkan: {numbers}.</source>
        <translation> Already issued: {numbers}.</translation>
    </message>
    <message>
        <source>Surat permohonan SK periode {period} sudah diterbitkan ({numbers}). Terbitkan surat SUSULAN untuk {count} peserta yang diterima sesudahnya: {regs}?</source>
        <translation>The decree request for period {period} has already been issued ({numbers}). Issue a SUPPLEMENTARY letter for the {count} participants accepted since: {regs}?</translation>
    </message>
    <message>
        <source>Terbitkan SATU surat permohonan SK Walikota ke Bagian Kesra untuk periode {period} berisi {count} peserta yang diterima BPJS: {regs}? Surat ini hanya diterbitkan sekali.</source>
        <translation>Issue ONE Mayor&apos;s decree request to the Kesra section for period {period} listing {count} participants accepted by BPJS: {regs}? This letter is issued only once.</translation>
    </message>
    <message>
        <source>Surat nomor {number} diterbitkan untuk {count} peserta.</source>
        <translation>Letter number {number} issued for {count} participants.</translation>
    </message>
</context>
<context>
    <name>KonsepPages</name>
    <message>
        <source>&lt;b&gt;KONSEP {title}&lt;/b&gt; — belum bernomor; nomor diambil saat ditandatangani. Menyiapkan halaman…</source>
        <translation>&lt;b&gt;DRAFT {title}&lt;/b&gt; — not numbered yet; the number is taken at signature. Preparing pages…</translation>
    </message>
    <message>
        <source> (ditampilkan {shown} dari {count} halaman)</source>
        <translation> (showing {shown} of {count} pages)</translation>
    </message>
    <message>
        <source>&lt;b&gt;KONSEP {title}&lt;/b&gt; — belum bernomor; nomor diambil saat ditandatangani.</source>
        <translation>&lt;b&gt;DRAFT {title}&lt;/b&gt; — not numbered yet; the number is taken at signature.</translation>
    </message>
    <message>
        <source>&lt;b&gt;KONSEP {title}&lt;/b&gt; tidak dapat ditampilkan: {why}</source>
        <translation>&lt;b&gt;DRAFT {title}&lt;/b&gt; cannot be shown: {why}</translation>
    </message>
</context>
<context>
    <name>LetterPreviewDialog</name>
    <message>
        <source>Surat {number}</source>
        <extracomment>resolution of the on-screen pages: sharp up to about 125 % zoom, 4 MB per A4 page pages shown at most (a collective list can be long; printing and saving always take all pages)</extracomment>
        <translation>Letter {number}</translation>
    </message>
    <message>
        <source>{path} adalah folder; ketik juga nama berkasnya, mis. Surat.pdf.</source>
        <translation>{path} is a folder; type a file name as well, e.g. Surat.pdf.</translation>
    </message>
    <message>
        <source>Folder {folder} tidak ada. Pilih folder lain untuk berkas PDF-nya.</source>
        <translation>The folder {folder} does not exist. Choose another folder for the PDF file.</translation>
    </message>
    <message>
        <source>Folder {folder} tidak boleh ditulisi. Pilih folder lain, mis. Dokumen.</source>
        <translation>The folder {folder} cannot be written to. Choose another folder, e.g. Documents.</translation>
    </message>
    <message>
        <source>Printer tidak dapat dipakai (belum siap, tidak tersambung, atau ditolak oleh sistem). Periksa printer lalu coba lagi.</source>
        <translation>The printer cannot be used (not ready, not connected, or refused by the system). Check the printer and try again.</translation>
    </message>
    <message>
        <source>Printer menolak halaman berikutnya; pencetakan dihentikan.</source>
        <translation>The printer refused the next page; printing stopped.</translation>
    </message>
    <message>
        <source>Mencetak halaman {n} dari {total}</source>
        <translation>Printing page {n} of {total}</translation>
    </message>
    <message>
        <source>Pratinjau surat</source>
        <translation>Letter preview</translation>
    </message>
    <message>
        <source>Memuat surat…</source>
        <translation>Loading the letter…</translation>
    </message>
    <message>
        <source>Perkecil (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>Perbesar (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Sesuai &amp;lebar</source>
        <translation>Fit &amp;width</translation>
    </message>
    <message>
        <source>Ukuran sebenarnya</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <source>Menyiapkan pratinjau…</source>
        <translation>Preparing the preview…</translation>
    </message>
    <message>
        <source>&amp;Batalkan</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Simpan &amp;PDF…</source>
        <translation>Save as &amp;PDF…</translation>
    </message>
    <message>
        <source>Simpan &amp;Word…</source>
        <translation>Save as &amp;Word…</translation>
    </message>
    <message>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>ukuran lain</source>
        <translation>other size</translation>
    </message>
    <message>
        <source>PDF arsip</source>
        <translation>archived PDF</translation>
    </message>
    <message>
        <source>berkas Word arsip (diubah ke PDF hanya untuk pratinjau)</source>
        <translation>archived Word file (converted to PDF for the preview only)</translation>
    </message>
    <message>
        <source>halaman</source>
        <translation>pages</translation>
    </message>
    <message>
        <source>Pratinjau menampilkan {shown} halaman pertama dari {total}; cetak dan simpan PDF memuat semua halaman.</source>
        <translation>The preview shows the first {shown} of {total} pages; printing and saving as PDF include every page.</translation>
    </message>
    <message>
        <source>Siap dicetak.</source>
        <translation>Ready to print.</translation>
    </message>
    <message>
        <source>Pratinjau tidak tersedia.</source>
        <translation>No preview available.</translation>
    </message>
    <message>
        <source>Pratinjau dibatalkan.</source>
        <translation>Preview cancelled.</translation>
    </message>
    <message>
        <source>Pratinjau gagal dibuat.</source>
        <translation>The preview could not be made.</translation>
    </message>
    <message>
        <source>Membatalkan…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>(sesuai lebar)</source>
        <translation>(fit width)</translation>
    </message>
    <message>
        <source>Halaman {n} dari {total}</source>
        <translation>Page {n} of {total}</translation>
    </message>
    <message>
        <source>Cetak surat {number}</source>
        <translation>Print letter {number}</translation>
    </message>
    <message>
        <source>Mengirim ke printer…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>Pencetakan dibatalkan.</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <source>{pages} halaman dikirim ke printer; tercatat sebagai cetak ulang.</source>
        <translation>{pages} pages sent to the printer; recorded as a reprint.</translation>
    </message>
    <message>
        <source>Pencetakan gagal.</source>
        <translation>Printing failed.</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Dokumen Word (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <source>Simpan salinan surat</source>
        <translation>Save a copy of the letter</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Salinan disimpan: {path}</source>
        <translation>Copy saved: {path}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>&lt;h2&gt;Layar terkunci&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Screen locked&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&amp;Kata sandi:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Buka kunci</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>&lt;small&gt;Petugas lain? Masuk dengan akun Anda sendiri; jendela petugas sebelumnya ditutup.&lt;/small&gt;</source>
        <translation>&lt;small&gt;Another officer? Sign in with your own account; the previous officer&apos;s windows are closed.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Masuk sebagai &amp;pengguna lain</source>
        <translation>Sign in as &amp;another user</translation>
    </message>
    <message>
        <source>tidak ada aktivitas</source>
        <translation>no activity</translation>
    </message>
    <message>
        <source>dikunci oleh petugas</source>
        <translation>locked by the officer</translation>
    </message>
    <message>
        <source>Digunakan oleh &lt;b&gt;{name}&lt;/b&gt; ({username}).&lt;br&gt;Terkunci sejak {at} ({why}).</source>
        <translation>In use by &lt;b&gt;{name}&lt;/b&gt; ({username}).&lt;br&gt;Locked since {at} ({why}).</translation>
    </message>
    <message>
        <source>Masukkan kata sandi Anda untuk melanjutkan.</source>
        <translation>Enter your password to continue.</translation>
    </message>
    <message>
        <source>Ketik kata sandi Anda.</source>
        <translation>Type your password.</translation>
    </message>
    <message>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Loket PBI — Masuk</source>
        <translation>Loket PBI — Sign in</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Loket PBI&lt;/h2&gt;Layanan PBI JK dan Jamkesda</source>
        <translation>&lt;h2&gt;Loket PBI&lt;/h2&gt;PBI JK and Jamkesda services</translation>
    </message>
    <message>
        <source>&amp;Nama pengguna</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <source>&amp;Kata sandi</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Membuka basis data…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>&amp;Masuk</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>&lt;small&gt;versi {version}&lt;/small&gt;</source>
        <translation>&lt;small&gt;version {version}&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Isi nama pengguna dan kata sandi.</source>
        <translation>Enter the username and the password.</translation>
    </message>
    <message>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loket PBI — {office}</source>
        <translation>Loket PBI — {office}</translation>
    </message>
    <message>
        <source>Antrean hari ini</source>
        <translation>Today&apos;s queue</translation>
    </message>
    <message>
        <source>Cek NIK di DTSEN</source>
        <translation>Check a NIK in DTSEN</translation>
    </message>
    <message>
        <source>Daftar berkas</source>
        <translation>Case register</translation>
    </message>
    <message>
        <source>Pengaduan</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>Peringkat Jamkesda</source>
        <translation>Jamkesda ranking</translation>
    </message>
    <message>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Batch bulanan</source>
        <translation>Monthly batches</translation>
    </message>
    <message>
        <source>Jaringan</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Impor data DTSEN</source>
        <translation>Import DTSEN data</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Siap.</source>
        <translation>Ready.</translation>
    </message>
    <message>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Kunci layar</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <source>&amp;Ganti pengguna…</source>
        <translation>&amp;Switch user…</translation>
    </message>
    <message>
        <source>Berkas &amp;baru…</source>
        <translation>&amp;New file…</translation>
    </message>
    <message>
        <source>&amp;Muat ulang</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <source>&amp;Bahasa antarmuka</source>
        <translation>Interface &amp;language</translation>
    </message>
    <message>
        <source>&amp;Keluar</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>&amp;Bantuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Tentang Loket PBI</source>
        <translation>&amp;About Loket PBI</translation>
    </message>
    <message>
        <source>Anda tidak membuka berkas baru (peran Anda tidak menerima permohonan).</source>
        <translation>You do not open new files (your role does not take applications).</translation>
    </message>
    <message>
        <source>Dimuat ulang.</source>
        <translation>Reloaded.</translation>
    </message>
    <message>
        <source>Kunci dibuka.</source>
        <translation>Unlocked.</translation>
    </message>
    <message>
        <source>Ganti pengguna</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>Isian berkas baru belum disimpan. Simpan sebagai draf Anda sebelum berganti pengguna?</source>
        <translation>The new file has unsaved input. Save it as your draft before switching user?</translation>
    </message>
    <message>
        <source>Menyimpan isian berkas baru sebagai draf petugas sebelumnya…</source>
        <translation>Saving the new file&apos;s input as the previous officer&apos;s draft…</translation>
    </message>
    <message>
        <source>Draf berkas baru tidak dapat disimpan; minta petugas sebelumnya membuka kunci dan menyimpannya.</source>
        <translation>The new file could not be saved as a draft; ask the previous officer to unlock and save it.</translation>
    </message>
    <message>
        <source>Tentang Loket PBI</source>
        <translation>About Loket PBI</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loket PBI&lt;/b&gt; versi {version}&lt;br&gt;Layanan PBI JK dan Jamkesda untuk Dinas Sosial.&lt;br&gt;Data: {folder}</source>
        <translation>&lt;b&gt;Loket PBI&lt;/b&gt; version {version}&lt;br&gt;PBI JK and Jamkesda services for the Dinas Sosial (social affairs office).&lt;br&gt;Data: {folder}</translation>
    </message>
    <message>
        <source>Perhatian</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>Pilihan bahasa tidak dapat disimpan: {error}</source>
        <translation>The language choice could not be saved: {error}</translation>
    </message>
    <message>
        <source>Bahasa antarmuka</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Bahasa antarmuka komputer ini: {language}. Pilihan ini berlaku setelah Loket PBI ditutup dan dibuka kembali.</source>
        <translation>Interface language of this computer: {language}. The choice takes effect after Loket PBI is closed and started again.</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>diproses Dinas</source>
        <translation>in process at the Dinas</translation>
    </message>
    <message>
        <source>selesai</source>
        <translation>completed</translation>
    </message>
    <message>
        <source>ditolak</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>terkirim</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>diterima Dinas</source>
        <translation>received by the Dinas</translation>
    </message>
    <message>
        <source>Kirim</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Terima</source>
        <translation>Receive</translation>
    </message>
    <message>
        <source>Pantau kotak masuk dan terima otomatis</source>
        <translation>Watch the inbox and receive automatically</translation>
    </message>
    <message>
        <source>Pendaftaran…</source>
        <translation>Enrolment…</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paket terakhir diterima</source>
        <translation>Last package received</translation>
    </message>
    <message>
        <source>Jeda</source>
        <translation>Lag</translation>
    </message>
    <message>
        <source>Paket masuk / keluar</source>
        <translation>Packages in / out</translation>
    </message>
    <message>
        <source>Berkas diterima</source>
        <translation>Cases received</translation>
    </message>
    <message>
        <source>Belum selesai</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>NIK ganda</source>
        <translation>Duplicate NIK</translation>
    </message>
    <message>
        <source>No. registrasi</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Diserahkan</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Status di Dinas</source>
        <translation>Status at the Dinas</translation>
    </message>
    <message>
        <source>Surat dari Dinas</source>
        <translation>Letters from the Dinas</translation>
    </message>
    <message>
        <source>Langkah / alasan</source>
        <translation>Step / reason</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>No. kartu</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Surat pemberitahuan</source>
        <translation>Notice letter</translation>
    </message>
    <message>
        <source>Buka surat pemberitahuan</source>
        <translation>Open notice letter</translation>
    </message>
    <message>
        <source>Surat pemberitahuan penonaktifan dari Dinas untuk Puskesos kelurahan ini; pilih baris lalu buka suratnya.</source>
        <translation>The Dinas&apos;s deactivation notice letter for this kelurahan&apos;s Puskesos; select a row, then open the letter.</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Sudah diajukan oleh</source>
        <translation>Already submitted by</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>{name} — kode {code}</source>
        <translation>{name} — code {code}</translation>
    </message>
    <message>
        <source>(belum terdaftar)</source>
        <translation>(not enrolled yet)</translation>
    </message>
    <message>
        <source>Berkas menunggu dikirim ke Dinas: {n}.</source>
        <translation>Cases waiting to be sent to the Dinas: {n}.</translation>
    </message>
    <message>
        <source>Dinas: {name} ({code}); paket terakhir dari Dinas {when}; terkirim #{sent}, diakui #{ack}.</source>
        <translation>Dinas: {name} ({code}); last package from the Dinas {when}; sent #{sent}, acknowledged #{ack}.</translation>
    </message>
    <message>
        <source>Kantor ini belum terdaftar pada Dinas: klik Pendaftaran….</source>
        <translation>This office is not enrolled with its Dinas yet: click Enrolment….</translation>
    </message>
    <message>
        <source>&amp;Kirim ke Dinas</source>
        <translation>&amp;Send to the Dinas</translation>
    </message>
    <message>
        <source>&amp;Terima dari Dinas</source>
        <translation>&amp;Receive from the Dinas</translation>
    </message>
    <message>
        <source>{n} kelurahan terdaftar; {p} berkas dari kelurahan belum selesai.</source>
        <translation>{n} kelurahan enrolled; {p} cases from kelurahan still pending.</translation>
    </message>
    <message>
        <source>&amp;Kirim ke kelurahan</source>
        <translation>&amp;Send to the kelurahan</translation>
    </message>
    <message>
        <source>&amp;Terima dari kelurahan</source>
        <translation>&amp;Receive from the kelurahan</translation>
    </message>
    <message>
        <source>Sidik kunci kantor ini: {fp}.</source>
        <translation>This office&apos;s key fingerprint: {fp}.</translation>
    </message>
    <message>
        <source>Berkas diserahkan ({n})</source>
        <translation>Cases handed over ({n})</translation>
    </message>
    <message>
        <source>belum diterima</source>
        <translation>not received yet</translation>
    </message>
    <message>
        <source>Pemberitahuan penonaktifan ({n})</source>
        <translation>Deactivation notices ({n})</translation>
    </message>
    <message>
        <source>{n} hari</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>Kelurahan ({n})</source>
        <translation>Kelurahan ({n})</translation>
    </message>
    <message>
        <source>NIK ganda ({n})</source>
        <translation>Duplicate NIK ({n})</translation>
    </message>
    <message>
        <source>Menyiapkan paket…</source>
        <translation>Preparing packages…</translation>
    </message>
    <message>
        <source>Tidak ada berkas atau perubahan baru untuk dikirim.</source>
        <translation>No new cases or changes to send.</translation>
    </message>
    <message>
        <source>Terkirim: {f}</source>
        <translation>Sent: {f}</translation>
    </message>
    <message>
        <source>Menunggu: {w}</source>
        <translation>Waiting: {w}</translation>
    </message>
    <message>
        <source>Mengambil paket…</source>
        <translation>Fetching packages…</translation>
    </message>
    <message>
        <source>Tidak ada paket masuk.</source>
        <translation>No incoming packages.</translation>
    </message>
    <message>
        <source>1. Buat berkas permintaan untuk Dinas</source>
        <translation>1. Make the request file for the Dinas</translation>
    </message>
    <message>
        <source>2. Buka berkas pendaftaran dari Dinas</source>
        <translation>2. Open the enrolment file from the Dinas</translation>
    </message>
    <message>
        <source>Pendaftaran</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <source>Langkah pendaftaran kelurahan:</source>
        <translation>Kelurahan enrolment step:</translation>
    </message>
    <message>
        <source>Berkas permintaan</source>
        <translation>Request file</translation>
    </message>
    <message>
        <source>Berkas JSON (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Berkas pendaftaran</source>
        <translation>Enrolment file</translation>
    </message>
    <message>
        <source>Daftarkan kelurahan dari berkas permintaan</source>
        <translation>Enrol a kelurahan from its request file</translation>
    </message>
    <message>
        <source>Cabut pendaftaran kelurahan</source>
        <translation>Revoke a kelurahan&apos;s enrolment</translation>
    </message>
    <message>
        <source>Tindakan:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <source>Cabut pendaftaran</source>
        <translation>Revoke enrolment</translation>
    </message>
    <message>
        <source>Kelurahan:</source>
        <translation>Kelurahan:</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Pendaftaran {code} dicabut.</source>
        <translation>Enrolment of {code} revoked.</translation>
    </message>
    <message>
        <source>Permintaan pendaftaran ditulis ke {path}. Serahkan kepada Dinas dan bacakan sidik kunci {fp} lewat telepon.</source>
        <translation>Enrolment request written to {path}. Hand it to the Dinas and read the key fingerprint {fp} to them by telephone.</translation>
    </message>
    <message>
        <source>Daftarkan kelurahan</source>
        <translation>Enrol kelurahan</translation>
    </message>
    <message>
        <source>{name} (wilayah {area})
Sidik kunci: {fp}

Apakah sidik kunci ini sama dengan yang dibacakan kelurahan?</source>
        <translation>{name} (region {area})
Key fingerprint: {fp}

Is this the same fingerprint the kelurahan read out?</translation>
    </message>
    <message>
        <source>{name} terdaftar sebagai {code}. Berkas pendaftaran: {file}</source>
        <translation>{name} enrolled as {code}. Enrolment file: {file}</translation>
    </message>
    <message>
        <source>Kantor ini terdaftar sebagai {code} pada {dinas}. Sidik kunci Dinas: {fp}.</source>
        <translation>This office is enrolled as {code} with {dinas}. The Dinas&apos;s key fingerprint: {fp}.</translation>
    </message>
</context>
<context>
    <name>NewComplaintDialog</name>
    <message>
        <source>Catat pengaduan</source>
        <translation>Record a complaint</translation>
    </message>
    <message>
        <source>mis. Surat rekomendasi belum terbit setelah 3 hari</source>
        <translation>e.g. recommendation letter (Surat Rekomendasi) not issued after 3 days</translation>
    </message>
    <message>
        <source>No HP / email (bila ada)</source>
        <translation>Mobile no. / email (if any)</translation>
    </message>
    <message>
        <source>mis. PBI-2026-00123 (bila pengaduan tentang satu berkas)</source>
        <translation>e.g. PBI-2026-00123 (if the complaint is about one case)</translation>
    </message>
    <message>
        <source>&amp;Kanal:</source>
        <translation>&amp;Channel:</translation>
    </message>
    <message>
        <source>Nomor tiket (mis. SP4N-LAPOR!)</source>
        <translation>Ticket number (e.g. SP4N-LAPOR!)</translation>
    </message>
    <message>
        <source>No. &amp;tiket:</source>
        <translation>&amp;Ticket no.:</translation>
    </message>
    <message>
        <source>&amp;Pokok pengaduan:</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <source>&amp;Uraian:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>&amp;Nama pengadu:</source>
        <translation>Complainant&apos;s &amp;name:</translation>
    </message>
    <message>
        <source>K&amp;ontak:</source>
        <translation>C&amp;ontact:</translation>
    </message>
    <message>
        <source>&amp;Berkas terkait:</source>
        <translation>Related &amp;case:</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>OfficeKindBox</name>
    <message>
        <source>Dinas Sosial (kabupaten/kota)</source>
        <translation>Dinas Sosial (regency/city)</translation>
    </message>
    <message>
        <source>Kelurahan/desa (Puskesos/SLRT)</source>
        <translation>Kelurahan/village post (Puskesos/SLRT)</translation>
    </message>
    <message>
        <source>mis. Kelurahan Kejaksaan</source>
        <translation>e.g. Kelurahan Kejaksaan</translation>
    </message>
    <message>
        <source>mis. DINSOS-PKP</source>
        <translation>e.g. DINSOS-PKP</translation>
    </message>
    <message>
        <source>10 angka, mis. 1971011001</source>
        <translation>10 digits, e.g. 1971011001</translation>
    </message>
    <message>
        <source>Jenis kantor *</source>
        <translation>Office kind *</translation>
    </message>
    <message>
        <source>Nama kantor (jaringan)</source>
        <translation>Office name (network)</translation>
    </message>
    <message>
        <source>Kode kantor (Dinas)</source>
        <translation>Office code (Dinas)</translation>
    </message>
    <message>
        <source>Kode wilayah (kelurahan) *</source>
        <translation>Region code (kelurahan) *</translation>
    </message>
    <message>
        <source>Nama kantor kelurahan/desa wajib diisi.</source>
        <translation>The name of the kelurahan/village office is required.</translation>
    </message>
</context>
<context>
    <name>OfficeProfileView</name>
    <message>
        <source>&lt;h3&gt;Profil kantor (kop surat)&lt;/h3&gt;</source>
        <extracomment>printed on letters, so not translated (letters are always Indonesian)</extracomment>
        <translation>&lt;h3&gt;Office profile (letterhead)&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Pemerintah daerah</source>
        <translation>Local government</translation>
    </message>
    <message>
        <source>Nama dinas</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <source>Nama kota/kabupaten</source>
        <translation>City/regency name</translation>
    </message>
    <message>
        <source>Tempat surat</source>
        <translation>Place on letters</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Kode pos</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>Surel</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Laman</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Kode unit pada nomor surat</source>
        <translation>Unit code in letter numbers</translation>
    </message>
    <message>
        <source>Kode kantor pada nomor registrasi</source>
        <translation>Office code in registration numbers</translation>
    </message>
    <message>
        <source>Jenis daerah</source>
        <translation>Region type</translation>
    </message>
    <message>
        <source>Zona waktu</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>(tidak ada)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Ganti lambang (PNG)…</source>
        <translation>Change emblem (PNG)…</translation>
    </message>
    <message>
        <source>Lambang daerah</source>
        <translation>Regional emblem</translation>
    </message>
    <message>
        <source>&amp;Simpan profil</source>
        <translation>&amp;Save profile</translation>
    </message>
    <message>
        <source>Gambar PNG (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Profil tersimpan.</source>
        <translation>Profile saved.</translation>
    </message>
</context>
<context>
    <name>OfficialDialog</name>
    <message>
        <source>Pejabat penandatangan</source>
        <translation>Signing officials</translation>
    </message>
    <message>
        <source>Kedudukan</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Jabatan (dicetak)</source>
        <translation>Title (as printed)</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Pangkat/golongan</source>
        <translation>Rank/grade</translation>
    </message>
    <message>
        <source>Keterangan (a.n./Plt./Plh.)</source>
        <translation>Capacity (a.n./Plt./Plh.)</translation>
    </message>
</context>
<context>
    <name>OfficialsPage</name>
    <message>
        <source>Pejabat penandatangan</source>
        <translation>Signing officials</translation>
    </message>
    <message>
        <source>Nama, pangkat dan NIP dicetak di blok tanda tangan surat. Kabid boleh diisi nanti.</source>
        <translation>Name, rank and NIP are printed in the letters&apos; signature block. The Kabid (head of division) may be filled in later.</translation>
    </message>
    <message>
        <source>nama lengkap dengan gelar</source>
        <translation>full name with titles</translation>
    </message>
    <message>
        <source>18 digit</source>
        <translation>18 digits</translation>
    </message>
    <message>
        <source>mis. Pembina Utama Muda (IV/c)</source>
        <translation>e.g. Pembina Utama Muda (IV/c)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kepala Dinas Sosial&lt;/b&gt;</source>
        <translation>&lt;b&gt;Head of the Dinas Sosial (Kepala Dinas)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nama *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>NIP *</source>
        <translation>NIP *</translation>
    </message>
    <message>
        <source>Pangkat/golongan</source>
        <translation>Rank/grade</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kabid Perlindungan dan Jaminan Sosial&lt;/b&gt;</source>
        <translation>&lt;b&gt;Head of Social Protection and Security Division (Kabid Linjamsos)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
</context>
<context>
    <name>OfficialsView</name>
    <message>
        <source>&lt;h3&gt;Pejabat penandatangan dan paraf&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Officials who sign and initial&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&amp;Tambah pejabat…</source>
        <translation>&amp;Add official…</translation>
    </message>
    <message>
        <source>&amp;Ubah…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Pangkat</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
</context>
<context>
    <name>PasswordButton</name>
    <message>
        <source>Atur kata sandi cadangan…</source>
        <translation>Set the backup password…</translation>
    </message>
    <message>
        <source>Kata sandi cadangan (minimal 8 karakter):</source>
        <translation>Backup password (at least 8 characters):</translation>
    </message>
    <message>
        <source>Atur kata sandi ZIP batch…</source>
        <translation>Set the batch ZIP password…</translation>
    </message>
    <message>
        <source>Kata sandi ZIP batch (minimal 8 karakter):</source>
        <translation>Batch ZIP password (at least 8 characters):</translation>
    </message>
    <message>
        <source>Atur kata sandi {label}…</source>
        <translation>Set the {label} password…</translation>
    </message>
    <message>
        <source>Kata sandi {label} (minimal 8 karakter):</source>
        <translation>{label} password (at least 8 characters):</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Kata sandi disimpan.</source>
        <translation>Password saved.</translation>
    </message>
</context>
<context>
    <name>PersonPage</name>
    <message>
        <source>Data pemohon</source>
        <translation>Applicant details</translation>
    </message>
    <message>
        <source>Ketik NIK dari KTP/KK. Data DTSEN (dahulu DTKS) dicari otomatis dan mengisi kolom yang kosong.</source>
        <translation>Type the NIK from the KTP/KK. DTSEN data (formerly DTKS) is looked up automatically and fills the empty fields.</translation>
    </message>
    <message>
        <source>16 digit NIK</source>
        <extracomment>the fields the lookup of a NIK filled in, with what it put there: cleared when the NIK changes the identity check (KTP / DTSEN / tersimpan) passed for these typed values</extracomment>
        <translation>16-digit NIK</translation>
    </message>
    <message>
        <source>16 digit nomor KK</source>
        <translation>16-digit KK number</translation>
    </message>
    <message>
        <source>Domisili sama dengan alamat KTP</source>
        <translation>Domicile same as the KTP address</translation>
    </message>
    <message>
        <source>Alamat tempat tinggal sekarang</source>
        <translation>Current address of residence</translation>
    </message>
    <message>
        <source>13 digit, boleh diawali 0</source>
        <translation>13 digits, may start with 0</translation>
    </message>
    <message>
        <source>Nama &amp;lengkap:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <source>No &amp;KK:</source>
        <translation>&amp;KK number:</translation>
    </message>
    <message>
        <source>Hubungan dalam keluarga:</source>
        <translation>Relationship in the family:</translation>
    </message>
    <message>
        <source>&amp;Alamat sesuai KTP:</source>
        <translation>&amp;Address as on the KTP:</translation>
    </message>
    <message>
        <source>Kelurahan/desa:</source>
        <translation>Kelurahan/village:</translation>
    </message>
    <message>
        <source>Kecamatan:</source>
        <translation>Kecamatan (district):</translation>
    </message>
    <message>
        <source>Alamat &amp;domisili:</source>
        <translation>&amp;Domicile address:</translation>
    </message>
    <message>
        <source>No HP:</source>
        <translation>Mobile number:</translation>
    </message>
    <message>
        <source>No kartu JKN-KIS:</source>
        <translation>JKN-KIS card number:</translation>
    </message>
    <message>
        <source>perempuan</source>
        <translation>female</translation>
    </message>
    <message>
        <source>laki-laki</source>
        <translation>male</translation>
    </message>
    <message>
        <source>tanggal tidak lazim</source>
        <translation>unusual date</translation>
    </message>
    <message>
        <source>✓ NIK sah: {sex}, lahir {born}, Provinsi {province}.</source>
        <translation>✓ Valid NIK: {sex}, born {born}, province {province}.</translation>
    </message>
    <message>
        <source>{check} Perhatian: {warnings}</source>
        <translation>{check} Note: {warnings}</translation>
    </message>
    <message>
        <source>Mencari di DTSEN…</source>
        <translation>Searching DTSEN…</translation>
    </message>
    <message>
        <source>DTSEN tidak dapat dicari.</source>
        <translation>DTSEN could not be searched.</translation>
    </message>
    <message>
        <source>Tidak terdaftar di {label}. Isi data dari KTP/KK.</source>
        <translation>Not registered in {label}. Fill in the details from the KTP/KK.</translation>
    </message>
    <message>
        <source>✓ Terdaftar di {label}, {desil}. Kolom kosong diisi dari DTSEN.</source>
        <translation>✓ Registered in {label}, {desil}. Empty fields filled in from DTSEN.</translation>
    </message>
    <message>
        <source>{name} sudah punya berkas {service} yang terbuka ({reg}, {step}). Lanjutkan berkas itu; berkas baru tidak dapat dibuat.</source>
        <translation>{name} already has an open {service} case ({reg}, {step}). Continue that case; a new case cannot be opened.</translation>
    </message>
    <message>
        <source>desil {desil}</source>
        <translation>decile {desil}</translation>
    </message>
    <message>
        <source>belum diperingkat</source>
        <translation>not ranked yet</translation>
    </message>
    <message>
        <source>tidak terdaftar di {label}</source>
        <translation>not registered in {label}</translation>
    </message>
    <message>
        <source>terdaftar di {label}, {desil}</source>
        <translation>registered in {label}, {desil}</translation>
    </message>
    <message>
        <source>✓ Nomor KK sah.</source>
        <translation>✓ Valid KK number.</translation>
    </message>
    <message>
        <source>✓ Nomor kartu sah.</source>
        <translation>✓ Valid card number.</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Profil kantor</source>
        <translation>Office profile</translation>
    </message>
    <message>
        <source>Data ini dicetak pada kop setiap surat. Dapat diubah kemudian di Pengaturan.</source>
        <translation>This is printed in the letterhead of every letter. It can be changed later in Settings.</translation>
    </message>
    <message>
        <source>mis. Pangkalpinang</source>
        <translation>e.g. Pangkalpinang</translation>
    </message>
    <message>
        <source>PEMERINTAH KOTA …</source>
        <translation>PEMERINTAH KOTA …</translation>
    </message>
    <message>
        <source>tempat surat, mis. Pangkalpinang</source>
        <translation>place on letters, e.g. Pangkalpinang</translation>
    </message>
    <message>
        <source>mis. SK Kepala Dinas Sosial Nomor 400.9/12/2026</source>
        <translation>e.g. SK Kepala Dinas Sosial Nomor 400.9/12/2026</translation>
    </message>
    <message>
        <source>SK standar pelayanan; dicetak pada setiap tanda terima berkas. Dapat diisi per layanan di Pengaturan → Aturan layanan.</source>
        <translation>The decree (SK) of the service standards; printed on every receipt. Can be set per service under Settings → Service rules.</translation>
    </message>
    <message>
        <source>(belum dipilih)</source>
        <translation>(not chosen yet)</translation>
    </message>
    <message>
        <source>Pilih berkas PNG…</source>
        <translation>Choose a PNG file…</translation>
    </message>
    <message>
        <source>Jenis daerah</source>
        <translation>Region type</translation>
    </message>
    <message>
        <source>Nama kota/kabupaten *</source>
        <translation>City/regency name *</translation>
    </message>
    <message>
        <source>Pemerintah daerah *</source>
        <translation>Local government *</translation>
    </message>
    <message>
        <source>Tempat surat *</source>
        <translation>Place on letters *</translation>
    </message>
    <message>
        <source>Alamat kantor</source>
        <translation>Office address</translation>
    </message>
    <message>
        <source>Kode pos</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>Surel</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Laman</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Zona waktu</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>Lambang daerah</source>
        <translation>Regional emblem</translation>
    </message>
    <message>
        <source>SK standar pelayanan</source>
        <translation>Service standard decree (SK)</translation>
    </message>
    <message>
        <source>Batalkan pe&amp;mulihan</source>
        <translation>Sto&amp;p restoring</translation>
    </message>
    <message>
        <source>Gambar PNG (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Perhatian</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>Lambang daerah harus berkas gambar PNG.</source>
        <translation>The regional emblem must be a PNG image file.</translation>
    </message>
    <message>
        <source>Nama kota/kabupaten</source>
        <translation>City/regency name</translation>
    </message>
    <message>
        <source>Pemerintah daerah</source>
        <translation>Local government</translation>
    </message>
    <message>
        <source>Tempat surat</source>
        <translation>Place on letters</translation>
    </message>
    <message>
        <source>{field} wajib diisi.</source>
        <translation>{field} is required.</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Cari berkas: NIK, nama pemohon, atau nomor registrasi (Ctrl+F), lalu Enter</source>
        <translation>Find a case: NIK, applicant&apos;s name or registration number (Ctrl+F), then Enter</translation>
    </message>
    <message>
        <source>&amp;Cari</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Kembali ke &amp;antrean</source>
        <translation>Back to the &amp;queue</translation>
    </message>
    <message>
        <source>Muat ulang (F5)</source>
        <translation>Reload (F5)</translation>
    </message>
    <message>
        <source>Lewat tenggat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Menunggu Anda</source>
        <translation>Waiting for you</translation>
    </message>
    <message>
        <source>Baru hari ini</source>
        <translation>New today</translation>
    </message>
    <message>
        <source>Memuat antrean…</source>
        <translation>Loading the queue…</translation>
    </message>
    <message>
        <source>Dapat saya kerjakan</source>
        <extracomment>the queue&apos;s views, in the order of their buttons (names marked for translation; the core&apos;s VIEWS agree)</extracomment>
        <translation>I can act on</translation>
    </message>
    <message>
        <source>Semua berkas</source>
        <translation>All files</translation>
    </message>
    <message>
        <source>Menunggu petugas lain</source>
        <translation>Waiting for others</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layanan baru (F2):&lt;/b&gt;</source>
        <translation>&lt;b&gt;New service (F2):&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;DARURAT&lt;/b&gt; selalu di atas</source>
        <translation>&lt;b&gt;URGENT&lt;/b&gt; always on top</translation>
    </message>
    <message>
        <source>&lt;small&gt;Klik dua kali atau tekan Enter pada baris untuk membuka berkas.&lt;/small&gt;</source>
        <translation>&lt;small&gt;Double-click a row or press Enter to open the case.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Antrean — {counter}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Queue — {counter}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Berkas yang langkahnya dikerjakan peran Anda, atau giliran paraf Anda</source>
        <translation>Files whose step is done by your role, or whose initials are your turn</translation>
    </message>
    <message>
        <source>Semua berkas yang belum selesai</source>
        <translation>Every file not yet finished</translation>
    </message>
    <message>
        <source>Berkas yang menunggu petugas lain atau kelengkapan dari pemohon</source>
        <translation>Files waiting for other officers or for the applicant&apos;s documents</translation>
    </message>
    <message>
        <source>Berkas Anda yang sudah melewati tenggat</source>
        <translation>Your files past their due time</translation>
    </message>
    <message>
        <source>Buka berkas baru: {service}</source>
        <translation>Open a new case: {service}</translation>
    </message>
    <message>
        <source> · &lt;b&gt;{n}&lt;/b&gt; DARURAT menunggu Anda</source>
        <translation> · &lt;b&gt;{n}&lt;/b&gt; URGENT waiting for you</translation>
    </message>
    <message>
        <source>&lt;b&gt;{mine}&lt;/b&gt; menunggu Anda · &lt;b style=&apos;color:#b00020&apos;&gt;{late}&lt;/b&gt; lewat tenggat milik Anda</source>
        <translation>&lt;b&gt;{mine}&lt;/b&gt; waiting for you · &lt;b style=&apos;color:#b00020&apos;&gt;{late}&lt;/b&gt; of yours overdue</translation>
    </message>
    <message>
        <source>&lt;small&gt;Klik dua kali atau tekan Enter pada baris untuk membuka berkas. Urutan: DARURAT dahulu, lalu tenggat terdekat.&lt;/small&gt;</source>
        <translation>&lt;small&gt;Double-click or press Enter on a row to open the file. Order: URGENT first, then the nearest due time.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;small&gt;Tidak ada berkas yang menunggu Anda saat ini. Berkas lain ada di “Semua berkas”.&lt;/small&gt;</source>
        <translation>&lt;small&gt;No file is waiting for you now. Other files are under “All files”.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;small&gt;Tidak ada berkas yang menunggu Anda saat ini. Mulai berkas baru dengan tombol layanan di atas (F2), atau lihat “Semua berkas”.&lt;/small&gt;</source>
        <translation>&lt;small&gt;No file is waiting for you now. Start a new file with a service button above (F2), or see “All files”.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;small&gt;Tidak ada berkas pada tampilan ini.&lt;/small&gt;</source>
        <translation>&lt;small&gt;No file in this view.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Mencari…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Hasil pencarian “{text}”&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Search results for “{text}”&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count}&lt;/b&gt; berkas ditemukan</source>
        <translation>&lt;b&gt;{count}&lt;/b&gt; cases found</translation>
    </message>
    <message>
        <source> ({limit} terbaru ditampilkan)</source>
        <translation> (the {limit} most recent shown)</translation>
    </message>
    <message>
        <source>&lt;small&gt;Tidak ada berkas yang cocok. Periksa NIK atau ejaan nama.&lt;/small&gt;</source>
        <translation>&lt;small&gt;No matching case. Check the NIK or the spelling of the name.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;small&gt;Klik dua kali atau tekan Enter untuk membuka berkas.&lt;/small&gt;</source>
        <translation>&lt;small&gt;Double-click or press Enter to open the case.&lt;/small&gt;</translation>
    </message>
</context>
<context>
    <name>ReactivationRekomPage</name>
    <message>
        <source>Nonaktif sejak, dan konfirmasi BPJS cabang</source>
        <translation>Inactive since, and confirmation by the BPJS branch</translation>
    </message>
    <message>
        <source>Konfirmasi dengan BPJS cabang (siapa, kapan, jawaban) dapat dicatat sekarang atau nanti oleh back office.</source>
        <translation>The confirmation with the BPJS branch (who, when, answer) can be recorded now or later by the back office.</translation>
    </message>
    <message>
        <source>Nonaktif sejak {date}</source>
        <translation>Inactive since {date}</translation>
    </message>
    <message>
        <source>Konfirmasi BPJS: {by}, {when}: {answer}</source>
        <translation>BPJS confirmation: {by}, {when}: {answer}</translation>
    </message>
    <message>
        <source>Konfirmasi BPJS: belum (dicatat oleh back office).</source>
        <translation>BPJS confirmation: not yet (recorded by the back office).</translation>
    </message>
</context>
<context>
    <name>ReactivationSkPage</name>
    <message>
        <source>Status kepesertaan BPJS</source>
        <translation>BPJS membership status</translation>
    </message>
    <message>
        <source>Hasil cek status di BPJS Kesehatan dan tanggal kepesertaan menjadi nonaktif.</source>
        <translation>The status checked at BPJS Kesehatan and the date the membership became inactive.</translation>
    </message>
    <message>
        <source>Status BPJS: {status}</source>
        <translation>BPJS status: {status}</translation>
    </message>
    <message>
        <source>Nonaktif sejak {date}</source>
        <translation>Inactive since {date}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Kembali ke langkah:</source>
        <extracomment>the letter acts this user may do now (KONSEP, issue/sign, view the KONSEP), from the core</extracomment>
        <translation>Back to step:</translation>
    </message>
    <message>
        <source>Alasan (wajib), akan tercatat dan disampaikan kepada pemohon</source>
        <translation>Reason (required); it is recorded and given to the applicant</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Tanda terima berkas</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Buka tanda terima (&amp;Word)</source>
        <translation>Open the receipt (&amp;Word)</translation>
    </message>
    <message>
        <source>Buka/cetak &amp;PDF</source>
        <translation>Open/print &amp;PDF</translation>
    </message>
    <message>
        <source>Buat &amp;PDF</source>
        <translation>Make &amp;PDF</translation>
    </message>
    <message>
        <source>Prat&amp;injau</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <source>Menampilkan halaman tanda terima untuk diperiksa dan dicetak</source>
        <translation>Shows the pages of the receipt to check and print</translation>
    </message>
    <message>
        <source>{date} pukul {time}</source>
        <translation>{date} at {time}</translation>
    </message>
    <message>
        <source>dihitung setelah berkas lengkap</source>
        <translation>calculated once the case is complete</translation>
    </message>
    <message>
        <source>Diterima {at} di {counter} oleh {officer}</source>
        <translation>Received {at} at {counter} by {officer}</translation>
    </message>
    <message>
        <source>Berkas diterima:</source>
        <translation>Documents received:</translation>
    </message>
    <message>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Belum ada:</source>
        <translation>Still missing:</translation>
    </message>
    <message>
        <source>Standar waktu: {sla}. Perkiraan selesai: &lt;b&gt;{expected}&lt;/b&gt;. Biaya: {fee}.</source>
        <translation>Standard time: {sla}. Expected completion: &lt;b&gt;{expected}&lt;/b&gt;. Fee: {fee}.</translation>
    </message>
    <message>
        <source>Dasar hukum: {basis}</source>
        <translation>Legal basis: {basis}</translation>
    </message>
    <message>
        <source>Saluran pengaduan: {channels}</source>
        <translation>Complaint channels: {channels}</translation>
    </message>
    <message>
        <source>Tanda terima nomor {number} tersimpan di arsip surat.</source>
        <translation>Receipt number {number} is stored in the letter archive.</translation>
    </message>
    <message>
        <source>Tanda terima belum dapat dibuat sebagai surat: {error} Data tanda terima di atas tetap tersimpan pada berkas.</source>
        <translation>The receipt could not be made as a letter yet: {error} The receipt details above are still stored with the case.</translation>
    </message>
    <message>
        <source>Membuat PDF…</source>
        <translation>Making the PDF…</translation>
    </message>
    <message>
        <source>PDF tidak dapat dibuat: {reasons} Berkas Word tetap dapat dicetak.</source>
        <translation>The PDF could not be made: {reasons} The Word file can still be printed.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Kunci pemulihan kantor</source>
        <translation>Office recovery key</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Catat kunci pemulihan kantor sekarang&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Write down the office recovery key now&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Cadangan data kantor dienkripsi. Di komputer ini cadangan terbuka dengan sendirinya; di komputer lain (misalnya setelah hardisk rusak atau komputer diganti) cadangan hanya dapat dipulihkan dengan kunci pemulihan di bawah ini.</source>
        <translation>The office&apos;s backups are encrypted. On this computer a backup opens by itself; on another computer (for example after a disk failure or when the computer is replaced) a backup can only be restored with the recovery key below.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kunci ini hanya ditampilkan SEKALI.&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Cetak halaman ini (tombol Cetak) atau tulis kunci di kertas, huruf demi huruf.&lt;/li&gt;&lt;li&gt;Simpan kertas itu di tempat aman yang terkunci bersama arsip kantor, terpisah dari komputer ini dan dari flashdisk cadangan.&lt;/li&gt;&lt;li&gt;Jangan menyimpannya di komputer ini dan jangan mengirimnya lewat WhatsApp atau surel.&lt;/li&gt;&lt;/ol&gt;Tanpa kunci ini, cadangan tidak dapat dipulihkan di komputer lain.</source>
        <translation>&lt;b&gt;This key is shown only ONCE.&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Print this page (Print button) or write the key on paper, letter by letter.&lt;/li&gt;&lt;li&gt;Keep that paper in a safe, locked place with the office&apos;s records, apart from this computer and from the backup USB stick.&lt;/li&gt;&lt;li&gt;Do not store it on this computer and do not send it by WhatsApp or e-mail.&lt;/li&gt;&lt;/ol&gt;Without this key, backups cannot be restored on another computer.</translation>
    </message>
    <message>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Saya sudah mencetak atau mencatat kunci pemulihan ini dan menyimpannya di tempat aman.</source>
        <translation>I have printed or written down this recovery key and keep it in a safe place.</translation>
    </message>
    <message>
        <source>&amp;Sudah dicatat, lanjutkan</source>
        <translation>&amp;Written down, continue</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Kunci pemulihan kantor Loket PBI&lt;/h2&gt;&lt;p&gt;{office}&lt;/p&gt;&lt;p style=&apos;font-family: monospace; font-size: 16pt;&apos;&gt;&lt;b&gt;{key}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Kunci ini membuka cadangan terenkripsi data kantor di komputer lain dan memasang kunci kantor di komputer baru (Pengaturan → Cadangan → Pulihkan, atau loket-pbi restore). Simpan di tempat aman yang terkunci, terpisah dari komputer dan dari flashdisk cadangan.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Loket PBI office recovery key&lt;/h2&gt;&lt;p&gt;{office}&lt;/p&gt;&lt;p style=&apos;font-family: monospace; font-size: 16pt;&apos;&gt;&lt;b&gt;{key}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;This key opens the office&apos;s encrypted backups on another computer and installs the office key on a new computer (Settings → Backup → Restore, or loket-pbi restore). Keep it in a safe, locked place, apart from the computer and from the backup USB stick.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <source>Peserta keluar dari kuota</source>
        <translation>Participant leaves the quota</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; keluar dari kuota Jamkesda. Kuota yang bebas diisi dari daftar tunggu.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; leaves the Jamkesda quota. The freed place is filled from the waiting list.</translation>
    </message>
    <message>
        <source>mis. Surat Keterangan Kematian No. 474.3/12/Kel</source>
        <translation>e.g. death certificate (Surat Keterangan Kematian) No. 474.3/12/Kel</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Keterangan:</source>
        <translation>Remarks:</translation>
    </message>
</context>
<context>
    <name>ReporterBox</name>
    <message>
        <source>16 digit NIK pelapor</source>
        <translation>Reporter&apos;s 16-digit NIK</translation>
    </message>
    <message>
        <source>&amp;Nama pelapor:</source>
        <translation>Reporter&apos;s &amp;name:</translation>
    </message>
    <message>
        <source>NI&amp;K pelapor:</source>
        <translation>Reporter&apos;s NI&amp;K:</translation>
    </message>
    <message>
        <source>&amp;Hubungan dengan peserta:</source>
        <translation>&amp;Relation to the participant:</translation>
    </message>
    <message>
        <source>No. HP pelapor:</source>
        <translation>Reporter&apos;s phone no.:</translation>
    </message>
</context>
<context>
    <name>RequirementRow</name>
    <message>
        <source>Lampirkan…</source>
        <translation>Attach…</translation>
    </message>
    <message>
        <source>Pilih hasil pindaian (PDF, JPG, PNG, TIFF), atau seret berkasnya ke baris ini</source>
        <translation>Choose scans (PDF, JPG, PNG, TIFF), or drag the files onto this row</translation>
    </message>
</context>
<context>
    <name>RestoreQuestions</name>
    <message>
        <source>Cadangan Loket PBI (*.zip.enc *.zip)</source>
        <translation>Loket PBI backups (*.zip.enc *.zip)</translation>
    </message>
    <message>
        <source>Kunci pemulihan kantor</source>
        <translation>Office recovery key</translation>
    </message>
    <message>
        <source>Kunci pemulihan (13 kelompok huruf/angka):</source>
        <translation>Recovery key (13 groups of letters/digits):</translation>
    </message>
    <message>
        <source>Cadangan terenkripsi</source>
        <translation>Encrypted backup</translation>
    </message>
    <message>
        <source>Kata sandi cadangan:</source>
        <translation>Backup password:</translation>
    </message>
    <message>
        <source>Masuk sebagai administrator</source>
        <translation>Sign in as administrator</translation>
    </message>
    <message>
        <source>Pemulihan perlu kata sandi administrator {user}:</source>
        <translation>The restore needs the password of administrator {user}:</translation>
    </message>
</context>
<context>
    <name>SectionEditor</name>
    <message>
        <source>Jendela usulan PBI JK: mulai tanggal</source>
        <extracomment>Indonesian labels for the settings fields (unknown fields show their name); shown through :func:`label`.</extracomment>
        <translation>PBI JK proposal window: from day</translation>
    </message>
    <message>
        <source>Jendela usulan PBI JK: sampai tanggal</source>
        <translation>PBI JK proposal window: to day</translation>
    </message>
    <message>
        <source>Desil layak: dari</source>
        <translation>Eligible decile: from</translation>
    </message>
    <message>
        <source>Desil layak: sampai</source>
        <translation>Eligible decile: to</translation>
    </message>
    <message>
        <source>Batas reaktivasi (bulan sejak nonaktif)</source>
        <translation>Reactivation limit (months since deactivation)</translation>
    </message>
    <message>
        <source>Aturan batas reaktivasi (kurang_dari / paling_lama)</source>
        <translation>Reactivation limit rule (kurang_dari = less than / paling_lama = at most)</translation>
    </message>
    <message>
        <source>Surat faskes diterima sebagai bukti utama</source>
        <translation>Health facility (faskes) letter accepted as main evidence</translation>
    </message>
    <message>
        <source>SKTM tidak wajib untuk reaktivasi</source>
        <translation>SKTM (certificate of low income) not required for reactivation</translation>
    </message>
    <message>
        <source>Batas daya listrik Jamkesda (VA)</source>
        <translation>Jamkesda electricity limit (VA)</translation>
    </message>
    <message>
        <source>Kuota Jamkesda (orang)</source>
        <translation>Jamkesda quota (people)</translation>
    </message>
    <message>
        <source>Periode kuota (tahun / bulan)</source>
        <translation>Quota period (tahun = year / bulan = month)</translation>
    </message>
    <message>
        <source>Iuran per orang per bulan (Rp)</source>
        <translation>Contribution per person per month (Rp)</translation>
    </message>
    <message>
        <source>Set indikator kemiskinan</source>
        <translation>Poverty indicator set</translation>
    </message>
    <message>
        <source>Bobot indikator (JSON: kode → bobot)</source>
        <translation>Indicator weights (JSON: code → weight)</translation>
    </message>
    <message>
        <source>Skor minimal layak (kosong = bawaan set)</source>
        <translation>Minimum eligible score (empty = the set&apos;s default)</translation>
    </message>
    <message>
        <source>Prioritas UHC (tanpa daftar tunggu)</source>
        <translation>UHC priority (no waiting list)</translation>
    </message>
    <message>
        <source>Standar waktu per layanan (JSON)</source>
        <translation>Service-time standards per service (JSON)</translation>
    </message>
    <message>
        <source>Jam buka kantor (JJ:MM)</source>
        <translation>Office opens at (HH:MM)</translation>
    </message>
    <message>
        <source>Jam tutup kantor (JJ:MM)</source>
        <translation>Office closes at (HH:MM)</translation>
    </message>
    <message>
        <source>Cuti bersama dihitung hari libur</source>
        <translation>Count collective leave (cuti bersama) as non-working days</translation>
    </message>
    <message>
        <source>Hari libur kantor sendiri (JSON: daftar TTTT-BB-HH)</source>
        <translation>The office&apos;s own non-working days (JSON: list of YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>Standar waktu pengaduan (hari kerja)</source>
        <translation>Complaint time standard (working days)</translation>
    </message>
    <message>
        <source>Dasar hukum / SK per layanan (JSON)</source>
        <translation>Legal basis / decree (SK) per service (JSON)</translation>
    </message>
    <message>
        <source>Pola nomor surat</source>
        <translation>Letter number pattern</translation>
    </message>
    <message>
        <source>Kode klasifikasi bawaan</source>
        <translation>Default classification code</translation>
    </message>
    <message>
        <source>Kode klasifikasi per jenis surat (JSON)</source>
        <translation>Classification code per letter type (JSON)</translation>
    </message>
    <message>
        <source>Pola nomor per jenis surat (JSON)</source>
        <translation>Number pattern per letter type (JSON)</translation>
    </message>
    <message>
        <source>Register nomor per jenis surat (JSON)</source>
        <translation>Number register per letter type (JSON)</translation>
    </message>
    <message>
        <source>Ukuran kertas (A4 / F4)</source>
        <translation>Paper size (A4 / F4)</translation>
    </message>
    <message>
        <source>Sifat surat bawaan</source>
        <translation>Default letter classification (sifat)</translation>
    </message>
    <message>
        <source>Tembusan per jenis surat (JSON)</source>
        <translation>Copies to (tembusan) per letter type (JSON)</translation>
    </message>
    <message>
        <source>Kanal pengaduan (JSON: code, label, contact, ticket, active, services)</source>
        <translation>Complaint channels (JSON: code, label, contact, ticket, active, services)</translation>
    </message>
    <message>
        <source>Buat PDF langsung saat surat terbit</source>
        <translation>Make the PDF as soon as a letter is issued</translation>
    </message>
    <message>
        <source>Folder tujuan</source>
        <translation>Destination folder</translation>
    </message>
    <message>
        <source>Alamat HTTPS penerima</source>
        <translation>Receiving HTTPS address</translation>
    </message>
    <message>
        <source>Token akses</source>
        <translation>Access token</translation>
    </message>
    <message>
        <source>Batas waktu (detik)</source>
        <translation>Timeout (seconds)</translation>
    </message>
    <message>
        <source>Percobaan per pengiriman</source>
        <translation>Attempts per delivery</translation>
    </message>
    <message>
        <source>Jeda awal antar percobaan (detik)</source>
        <translation>First pause between attempts (seconds)</translation>
    </message>
    <message>
        <source>Jeda terlama (detik)</source>
        <translation>Longest pause (seconds)</translation>
    </message>
    <message>
        <source>Periksa sertifikat TLS</source>
        <translation>Verify the TLS certificate</translation>
    </message>
    <message>
        <source>Lampiran berkas (pindaian) ikut dalam ZIP batch</source>
        <translation>Scanned case documents go into the batch ZIP</translation>
    </message>
    <message>
        <source>Peringatan bila lampiran dalam ZIP melebihi (MB)</source>
        <translation>Warn when the scans in the ZIP exceed (MB)</translation>
    </message>
    <message>
        <source>Kolom per layanan (JSON: layanan → daftar kunci kolom)</source>
        <translation>Columns per service (JSON: service → list of column keys)</translation>
    </message>
    <message>
        <source>Jumlah cadangan yang disimpan</source>
        <translation>Number of backups kept</translation>
    </message>
    <message>
        <source>Cadangan harian otomatis</source>
        <translation>Automatic daily backup</translation>
    </message>
    <message>
        <source>Lindungi ZIP dengan kata sandi (AES-256)</source>
        <translation>Protect the ZIP with a password (AES-256)</translation>
    </message>
    <message>
        <source>Kolom tambahan per layanan (JSON: layanan → [judul, kunci data])</source>
        <translation>Extra columns per service (JSON: service → [header, data key])</translation>
    </message>
    <message>
        <source>Status yang tidak pernah masuk batch</source>
        <translation>Statuses never collected into a batch</translation>
    </message>
    <message>
        <source>Peran per langkah (JSON: layanan.langkah → daftar peran)</source>
        <translation>Roles per step (JSON: service.step → list of roles)</translation>
    </message>
    <message>
        <source>&amp;Simpan pengaturan</source>
        <translation>&amp;Save settings</translation>
    </message>
    <message>
        <source>Isian &apos;{field}&apos; bukan JSON yang sah: {error}</source>
        <translation>The field &apos;{field}&apos; is not valid JSON: {error}</translation>
    </message>
    <message>
        <source>Tersimpan.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>ServiceWizard</name>
    <message>
        <source>Berkas baru — {service}</source>
        <translation>New case — {service}</translation>
    </message>
    <message>
        <source>&amp;Lanjut &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Kembali</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>&amp;Selesai</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Simpan d&amp;raf</source>
        <translation>Save d&amp;raft</translation>
    </message>
    <message>
        <source>Simpan isian sejauh ini; lanjutkan nanti dari daftar Draf tersimpan</source>
        <translation>Keep what has been entered so far; continue later from the Saved drafts list</translation>
    </message>
    <message>
        <source>Berkas baru — {service} (draf {saved})</source>
        <translation>New case — {service} (draft {saved})</translation>
    </message>
    <message>
        <source>Salinan lampiran draf hilang: {files}</source>
        <translation>The draft&apos;s copies of these attachments are missing: {files}</translation>
    </message>
    <message>
        <source>✓ Draf disimpan ({count} lampiran). Lanjutkan nanti dari daftar Draf tersimpan di layar Antrean.</source>
        <translation>✓ Draft saved ({count} attachment(s)). Continue later from the Saved drafts list on the Queue screen.</translation>
    </message>
    <message>
        <source>Berkas baru — {service} (draf disimpan pukul {saved})</source>
        <translation>New case — {service} (draft saved at {saved})</translation>
    </message>
    <message>
        <source>Simpan sebagai draf?</source>
        <translation>Save as a draft?</translation>
    </message>
    <message>
        <source>Isian berkas ini belum disimpan. Simpan sebagai draf agar dapat dilanjutkan nanti?</source>
        <translation>What was entered for this case has not been saved. Save it as a draft to continue later?</translation>
    </message>
    <message>
        <source>&amp;Ya, simpan draf</source>
        <translation>&amp;Yes, save a draft</translation>
    </message>
    <message>
        <source>&amp;Tidak, buang isian</source>
        <translation>&amp;No, discard the entries</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Aturan layanan</source>
        <translation>Service rules</translation>
    </message>
    <message>
        <source>Jendela usulan, desil, batas reaktivasi, kuota dan iuran Jamkesda, indikator, standar waktu.</source>
        <translation>Proposal window, deciles, reactivation limit, Jamkesda quota and contribution, indicators, time standards.</translation>
    </message>
    <message>
        <source>Penomoran surat</source>
        <translation>Letter numbering</translation>
    </message>
    <message>
        <source>Pola nomor memakai token {kode} {urut} {unit} {bulan_romawi} {tahun}; nomor dimulai lagi setiap tahun.</source>
        <translation>The number pattern uses the tokens {kode} (code) {urut} (sequence) {unit} {bulan_romawi} (month in Roman numerals) {tahun} (year); numbering restarts every year.</translation>
    </message>
    <message>
        <source>Pengiriman batch</source>
        <translation>Batch delivery</translation>
    </message>
    <message>
        <source>Folder (jaringan, flashdisk, folder tersinkron) dan/atau alamat HTTPS penerima batch bulanan.</source>
        <translation>Folder (network, USB drive, synchronised folder) and/or HTTPS address receiving the monthly batches.</translation>
    </message>
    <message>
        <source>Batch bulanan</source>
        <translation>Monthly batches</translation>
    </message>
    <message>
        <source>Kolom tambahan, surat pengantar, surat individual, dan enkripsi AES ZIP batch (sepakati kata sandinya dengan BPJS/Kemensos sebelum mengaktifkan).</source>
        <translation>Extra columns, cover letter, individual letters, and AES encryption of batch ZIPs (agree on the password with BPJS/Kemensos before switching it on).</translation>
    </message>
    <message>
        <source>Daftar harian BPJS</source>
        <translation>Daily list for BPJS</translation>
    </message>
    <message>
        <source>Kolom daftar harian untuk lembar bersama BPJS, per layanan, berurutan (JSON: layanan → daftar kunci kolom, mis. {&quot;reaktivasi-rekom&quot;: [&quot;nik&quot;, &quot;nama&quot;, &quot;nomor_surat&quot;]}); layanan yang tidak disebut memakai kolom bawaan definisinya.</source>
        <translation>Columns of the daily list for the sheet shared with BPJS, per service, in order (JSON: service → list of column keys, e.g. {&quot;reaktivasi-rekom&quot;: [&quot;nik&quot;, &quot;nama&quot;, &quot;nomor_surat&quot;]}); a service not named uses its definition&apos;s default columns.</translation>
    </message>
    <message>
        <source>Kanal pengaduan</source>
        <translation>Complaint channels</translation>
    </message>
    <message>
        <source>Setiap kanal pengaduan dengan kontaknya (dicetak pada tanda terima dan surat): &apos;ticket&apos; = wajib nomor tiket, &apos;active&apos; = diterima, &apos;services&apos; = hanya untuk layanan itu (kosong = semua).</source>
        <translation>Every complaint channel with its contact (printed on receipts and letters): &apos;ticket&apos; = a ticket number is required, &apos;active&apos; = accepted, &apos;services&apos; = only for those services (empty = all).</translation>
    </message>
    <message>
        <source>Cadangan</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Folder cadangan (kosong = folder data), jumlah yang disimpan, dan cadangan harian otomatis.</source>
        <translation>Backup folder (empty = the data folder), how many are kept, and the automatic daily backup.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Pengaturan kantor&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Office settings&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Profil kantor</source>
        <translation>Office profile</translation>
    </message>
    <message>
        <source>Pejabat</source>
        <translation>Officials</translation>
    </message>
    <message>
        <source>Loket dan pesan</source>
        <translation>Counter and messages</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>Users</translation>
    </message>
</context>
<context>
    <name>SlaBars</name>
    <message>
        <source>{n} menit</source>
        <extracomment>the quarter whose reconciliation is due, for the roles that run it (None: nothing due / not theirs)</extracomment>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} jam</source>
        <translation>{n} hours</translation>
    </message>
    <message>
        <source>{n} hari</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>Belum ada langkah yang selesai bulan ini.</source>
        <translation>No step has been completed this month yet.</translation>
    </message>
    <message>
        <source>{share} tepat ({within}/{count}) · rata-rata {average}, standar {standard}</source>
        <translation>{share} on time ({within}/{count}) · average {average}, standard {standard}</translation>
    </message>
</context>
<context>
    <name>StartController</name>
    <message>
        <source>Penyiapan selesai. Masuk dengan akun administrator yang baru dibuat.</source>
        <translation>Set-up complete. Sign in with the administrator account you just created.</translation>
    </message>
    <message>
        <source>Data kantor dipulihkan dari {file}. Masuk dengan akun Anda.</source>
        <translation>The office data was restored from {file}. Sign in with your account.</translation>
    </message>
    <message>
        <source>Tidak dapat membuka data</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <source>Silakan masuk dengan akun Anda.</source>
        <translation>Please sign in with your account.</translation>
    </message>
    <message>
        <source>Cadangan harian dibuat: {file}</source>
        <translation>Daily backup made: {file}</translation>
    </message>
    <message>
        <source>Cadangan harian gagal: {error}</source>
        <translation>Daily backup failed: {error}</translation>
    </message>
    <message>
        <source>Loket PBI berhenti tiba-tiba pada penggunaan sebelumnya.</source>
        <translation>Loket PBI stopped unexpectedly the last time it was used.</translation>
    </message>
</context>
<context>
    <name>StepAction</name>
    <message>
        <source>Selesai</source>
        <extracomment>step-log action -&gt; label (marked for translation; shown through ``translate(&quot;StepAction&quot;, …)``)</extracomment>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Selesai, ditutup</source>
        <translation>Completed, closed</translation>
    </message>
    <message>
        <source>Paraf</source>
        <translation>Initialled</translation>
    </message>
    <message>
        <source>Dikembalikan</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>StepInputs</name>
    <message>
        <source>Isian untuk langkah “{step}”</source>
        <extracomment>any field changed: what is still missing may have changed (:meth:`missing`)</extracomment>
        <translation>Input for the step “{step}”</translation>
    </message>
    <message>
        <source>Indikator hasil survei lapangan ({set}):</source>
        <extracomment>the input widgets by case-data key</extracomment>
        <translation>Indicators from the field survey ({set}):</translation>
    </message>
    <message>
        <source>&lt;b&gt;Skor {total}&lt;/b&gt; dari {maximum}; batas layak {cutoff} → {verdict}.</source>
        <translation>&lt;b&gt;Score {total}&lt;/b&gt; of {maximum}; eligibility threshold {cutoff} → {verdict}.</translation>
    </message>
    <message>
        <source>memenuhi kriteria</source>
        <translation>meets the criteria</translation>
    </message>
    <message>
        <source>tidak memenuhi kriteria</source>
        <translation>does not meet the criteria</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Ringkasan</source>
        <extracomment>the wizard&apos;s service pages by the name a definition gives (``intake_page``, app/servicedefs/loader.INTAKE_PAGES)</extracomment>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Periksa sekali lagi bersama pemohon, lalu simpan. Tanda terima berkas dibuat otomatis.</source>
        <translation>Check once more with the applicant, then save. The receipt is made automatically.</translation>
    </message>
    <message>
        <source>&amp;Simpan dan buat tanda terima</source>
        <translation>&amp;Save and make the receipt</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>No KK</source>
        <translation>KK number</translation>
    </message>
    <message>
        <source>Hubungan</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>Alamat KTP</source>
        <translation>KTP address</translation>
    </message>
    <message>
        <source>Domisili</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <source>sama dengan KTP</source>
        <translation>same as the KTP</translation>
    </message>
    <message>
        <source>Persyaratan diterima</source>
        <translation>Requirements received</translation>
    </message>
    <message>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Belum ada</source>
        <translation>Still missing</translation>
    </message>
    <message>
        <source>Lampiran pindaian</source>
        <translation>Scanned attachments</translation>
    </message>
    <message>
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Keterangan layanan</source>
        <translation>Service details</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#b00020&apos;&gt;&lt;b&gt;Berkas tidak lengkap: surat tidak dapat diterbitkan.&lt;/b&gt; Tanda terima mencatat kekurangannya; berkas dapat ditolak atau dilengkapi di layar berkas.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#b00020&apos;&gt;&lt;b&gt;Case incomplete: no letter can be issued.&lt;/b&gt; The receipt records what is missing; the case can be rejected or completed on the case screen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#8a5a00&apos;&gt;Berkas disimpan sebagai &lt;b&gt;belum lengkap&lt;/b&gt; dan dapat dilanjutkan.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#8a5a00&apos;&gt;The case is saved as &lt;b&gt;incomplete&lt;/b&gt; and can be continued.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>UrgentPage</name>
    <message>
        <source>Kedaruratan</source>
        <extracomment>keys an older draft used for a field (draft key → field key)</extracomment>
        <translation>Emergency</translation>
    </message>
    <message>
        <source>Pemohon dalam keadaan darurat (rawat inap, persalinan, gawat darurat) langsung diteruskan ke manajer untuk keputusan segera.</source>
        <translation>An applicant in an emergency (inpatient care, childbirth, emergency treatment) is passed straight to the manager for an immediate decision.</translation>
    </message>
    <message>
        <source>Tulis keterangan kedaruratannya.</source>
        <translation>Describe the emergency.</translation>
    </message>
    <message>
        <source>Bukan kasus darurat.</source>
        <translation>Not an emergency case.</translation>
    </message>
    <message>
        <source>&lt;b&gt;DARURAT&lt;/b&gt;: {note}</source>
        <translation>&lt;b&gt;URGENT&lt;/b&gt;: {note}</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Ubah peran pengguna</source>
        <translation>Change the user&apos;s roles</translation>
    </message>
    <message>
        <source>Tambah pengguna</source>
        <translation>Add a user</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Kata sandi awal</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Pengguna dan peran&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Users and roles&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&amp;Tambah pengguna…</source>
        <translation>&amp;Add a user…</translation>
    </message>
    <message>
        <source>Ubah &amp;peran…</source>
        <translation>Change &amp;roles…</translation>
    </message>
    <message>
        <source>&amp;Nonaktifkan</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <source>nonaktif</source>
        <translation>inactive</translation>
    </message>
    <message>
        <source>&amp;Aktifkan</source>
        <translation>&amp;Activate</translation>
    </message>
    <message>
        <source>Nonaktifkan pengguna</source>
        <translation>Deactivate user</translation>
    </message>
    <message>
        <source>Nonaktifkan {name}? Ia tidak dapat masuk lagi.</source>
        <translation>Deactivate {name}? They will no longer be able to sign in.</translation>
    </message>
</context>
<context>
    <name>WhatsAppDialog</name>
    <message>
        <source>Kabari pemohon lewat WhatsApp</source>
        <translation>Message the applicant on WhatsApp</translation>
    </message>
    <message>
        <source>Tanda terima berkas</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Surat siap diambil</source>
        <translation>Letter ready to be picked up</translation>
    </message>
    <message>
        <source>mis. 0812 3456 7890</source>
        <translation>e.g. 0812 3456 7890</translation>
    </message>
    <message>
        <source>Nomor &amp;HP pemohon:</source>
        <translation>Applicant&apos;s &amp;mobile number:</translation>
    </message>
    <message>
        <source>&lt;small&gt;Teks dapat diubah di WhatsApp sebelum dikirim. Bentuk pesan diatur administrator di Pengaturan → Loket dan pesan.&lt;/small&gt;</source>
        <translation>&lt;small&gt;The text can be changed in WhatsApp before sending. The administrator sets the message in Settings → Counter and messages.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&amp;Buka di WhatsApp</source>
        <translation>&amp;Open in WhatsApp</translation>
    </message>
    <message>
        <source>Pesan siap dikirim ke +{phone}.</source>
        <translation>Message ready for +{phone}.</translation>
    </message>
    <message>
        <source>WhatsApp tidak dapat dibuka di komputer ini. Pasang WhatsApp Desktop atau buka web.whatsapp.com, lalu coba lagi.</source>
        <translation>WhatsApp cannot be opened on this computer. Install WhatsApp Desktop or open web.whatsapp.com, then try again.</translation>
    </message>
    <message>
        <source>WhatsApp dibuka; tekan Kirim di WhatsApp.</source>
        <translation>WhatsApp opened; press Send in WhatsApp.</translation>
    </message>
</context>
</TS>
