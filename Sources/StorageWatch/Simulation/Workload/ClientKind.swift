/// A client program; each provider's logs show it with its own user agent.
enum ClientKind: UInt8, CaseIterable, Sendable {
  case cli
  case pythonSDK
  case javaSDK
  case console
  case goSDK
  case nodeSDK
  case desktopExplorer
  case browser
  case curl
  case lambdaRuntime
  case sparkJob
  case providerInternal
  /// Attacker tools.
  case rclone
  case pythonRequests
  case kaliCLI
  case linuxBoto
}

extension ClientKind {
  /// The user agent that a provider's log shows for this client.
  func userAgent(_ provider: SimulatedCloud) -> String {
    switch (self, provider) {
    case (.cli, .aws):
      return "aws-cli/2.17.60 md/awscrt#0.21.2 ua/2.0 os/macos#23.6.0"
        + " md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython"
        + " cfg/retry-mode#standard md/installer#source md/prompt#off"
        + " md/command#s3.cp"
    case (.cli, .gcp):
      return "apitools Python/3.11.8 gsutil/5.27 (darwin) analytics/disabled"
        + " interactive/True command/cp google-cloud-sdk/467.0.0,gzip(gfe)"
    case (.cli, .azure):
      return "AzCopy/10.26.0 azsdk-go-azblob/v1.4.0 (go1.22.5; darwin)"
    case (.pythonSDK, .aws):
      return "Boto3/1.35.24 md/Botocore#1.35.24 ua/2.0 os/linux#6.8.0-45"
        + " md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython"
        + " cfg/retry-mode#legacy Botocore/1.35.24"
    case (.pythonSDK, .gcp):
      return "gcloud-python/2.18.2 gl-python/3.11.9 grpc/1.66.1 gax/2.19.2"
        + " gccl/2.18.2,gzip(gfe)"
    case (.pythonSDK, .azure):
      return "azsdk-python-storage-blob/12.23.1 Python/3.11.9"
        + " (Linux-6.8.0-45-generic-x86_64-with-glibc2.39)"
    case (.javaSDK, .aws):
      return "aws-sdk-java/2.28.6 Linux/5.10.225-213.878.amzn2.x86_64"
        + " OpenJDK_64-Bit_Server_VM/17.0.12+7-LTS Java/17.0.12"
        + " vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync"
        + " http/Apache cfg/retry-mode/legacy"
    case (.javaSDK, .gcp):
      return "gcloud-java/2.43.0 Google-API-Java-Client/2.7.0"
        + " Google-HTTP-Java-Client/1.45.0 (gzip),gzip(gfe)"
    case (.javaSDK, .azure):
      return "azsdk-java-azure-storage-blob/12.27.1 (17.0.12; Linux;"
        + " 5.15.0-1071-azure)"
    case (.console, .aws):
      return "S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.750"
        + " Linux/5.10.225-191.869.amzn2int.x86_64"
        + " OpenJDK_64-Bit_Server_VM/25.422-b05 java/1.8.0_422"
        + " vendor/Oracle_Corporation cfg/retry-mode/standard"
    case (.console, .gcp):
      return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
        + " (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36,gzip(gfe)"
    case (.console, .azure):
      return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
        + " (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36"
        + " Edg/129.0.0.0"
    case (.goSDK, .aws):
      return "aws-sdk-go-v2/1.30.5 os/linux lang/go#1.22.7 md/GOOS#linux"
        + " md/GOARCH#amd64 api/s3#1.61.2"
    case (.goSDK, .gcp):
      return "gcloud-golang-storage/1.43.0 gl-go/1.22.7 gccl/1.43.0,gzip(gfe)"
    case (.goSDK, .azure):
      return "azsdk-go-azblob/v1.4.0 (go1.22.7; linux)"
    case (.nodeSDK, .aws):
      return "aws-sdk-js/3.654.0 ua/2.0 os/linux#5.10.225 lang/js"
        + " md/nodejs#20.17.0 api/s3#3.654.0"
    case (.nodeSDK, .gcp):
      return "gcloud-node-storage/7.12.1 gl-node/20.17.0,gzip(gfe)"
    case (.nodeSDK, .azure):
      return "azsdk-js-storageblob/12.24.0 core-rest-pipeline/1.16.3"
        + " Node/20.17.0 OS/(x64-Linux-5.15.0-1071-azure)"
    case (.desktopExplorer, .aws):
      return "Cyberduck/9.0.4.42108 (Mac OS X/14.6.1) (aarch64)"
    case (.desktopExplorer, .gcp):
      return "Cyberduck/9.0.4.42108 (Mac OS X/14.6.1) (aarch64),gzip(gfe)"
    case (.desktopExplorer, .azure):
      return "Microsoft Azure Storage Explorer, 1.35.0, win32,"
        + " azcopy-node, 2.0.0, win32, AzCopy/10.26.0 azsdk-go-azblob/v1.4.0"
        + " (go1.22.5; Windows_NT)"
    case (.browser, .gcp):
      return "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X)"
        + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6"
        + " Mobile/15E148 Safari/604.1,gzip(gfe)"
    case (.browser, _):
      return "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X)"
        + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6"
        + " Mobile/15E148 Safari/604.1"
    case (.curl, .gcp): return "curl/8.5.0,gzip(gfe)"
    case (.curl, _): return "curl/8.5.0"
    case (.lambdaRuntime, .aws):
      return "aws-sdk-js/3.621.0 ua/2.0 os/linux#5.10.224-233.894.amzn2.x86_64"
        + " lang/js md/nodejs#20.16.0 api/s3#3.621.0"
        + " exec-env/AWS_Lambda_nodejs20.x"
    case (.lambdaRuntime, .gcp):
      return "gcloud-node-storage/7.12.1 gl-node/20.16.0"
        + " (Cloud Run functions),gzip(gfe)"
    case (.lambdaRuntime, .azure):
      return "azsdk-js-storageblob/12.24.0 core-rest-pipeline/1.16.3"
        + " Node/20.16.0 OS/(x64-Windows_NT-10.0.20348) AzureFunctions/4"
    case (.sparkJob, .aws):
      return "aws-sdk-java/1.12.767 Linux/5.10.225-213.878.amzn2.x86_64"
        + " OpenJDK_64-Bit_Server_VM/25.422-b05 java/1.8.0_422"
        + " scala/2.12.18 vendor/Amazon.com_Inc. cfg/retry-mode/legacy"
        + " Hadoop 3.3.6, aws-sdk-java/1.12.767 AWSGlue"
    case (.sparkJob, .gcp):
      return "Hadoop 3.3.6 GCS-Connector/hadoop3-2.2.22"
        + " (GPN:Dataproc; version 2.2.22)  google-api-java-client/2.7.0,"
        + "gzip(gfe)"
    case (.sparkJob, .azure):
      return "azsdk-java-azure-storage-file-datalake/12.20.1 (1.8.0_422;"
        + " Linux; 5.15.0-1071-azure) ABFS/3.3.6 Databricks"
    case (.providerInternal, .aws): return "s3.amazonaws.com"
    case (.providerInternal, _): return ""
    case (.rclone, .gcp): return "rclone/v1.67.0,gzip(gfe)"
    case (.rclone, _): return "rclone/v1.67.0"
    case (.pythonRequests, .gcp): return "python-requests/2.31.0,gzip(gfe)"
    case (.pythonRequests, _): return "python-requests/2.31.0"
    case (.kaliCLI, .aws):
      return "aws-cli/2.15.30 Python/3.11.8 Linux/6.6.9-amd64"
        + " exe/x86_64.kali.2024 prompt/off command/s3api.list-objects-v2"
    case (.kaliCLI, .gcp):
      return "apitools Python/3.11.8 gsutil/5.27 (linux) analytics/disabled"
        + " interactive/True command/ls google-cloud-sdk/467.0.0"
        + " kali-rolling,gzip(gfe)"
    case (.kaliCLI, .azure):
      return "azsdk-python-storage-blob/12.19.1 Python/3.11.8"
        + " (Linux-6.6.9-amd64-x86_64-with-glibc2.37) kali"
    case (.linuxBoto, .aws):
      return "Boto3/1.28.57 md/Botocore#1.31.57 ua/2.0 os/linux#5.15.0-91"
        + " md/arch#x86_64 lang/python#3.10.12 md/pyimpl#CPython"
        + " cfg/retry-mode#legacy Botocore/1.31.57"
    case (.linuxBoto, .gcp):
      return "gcloud-python/2.10.0 gl-python/3.10.12,gzip(gfe)"
    case (.linuxBoto, .azure):
      return "azsdk-python-storage-blob/12.14.1 Python/3.10.12"
        + " (Linux-5.15.0-91-generic-x86_64-with-glibc2.35)"
    }
  }
}

/// The cloud a format belongs to, for names and user agents.
enum SimulatedCloud: Sendable {
  case aws
  case gcp
  case azure
}
